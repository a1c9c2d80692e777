using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015) as torch.optim.Adam defines it, with t the step number counted from 1:
/// g ← g + weightDecay·w (L2 penalty); m ← β1·m + (1-β1)·g; v ← β2·v + (1-β2)·g²;
/// w ← w - lr · (m / (1-β1ᵗ)) / (√(v / (1-β2ᵗ)) + ε). State: slots "exp_avg" (m) and "exp_avg_sq" (v), both starting at zero.
/// t is the optimizer's step count (<see cref="Optimizer.Iterations"/> + 1); PyTorch counts t per parameter, which differs
/// only for a variable that was skipped (null gradient) on some steps.
/// </summary>
public class Adam : Optimizer
{
    private readonly bool _decoupledWeightDecay;
    private readonly Func<Variable, bool>? _decayWhere;

    /// <summary>Creates the optimizer with PyTorch's defaults, validating every hyper-parameter.</summary>
    /// <param name="learningRate">Step size lr, finite and ≥ 0.</param>
    /// <param name="beta1">Decay rate β1 of the gradient average m, in [0, 1).</param>
    /// <param name="beta2">Decay rate β2 of the squared-gradient average v, in [0, 1).</param>
    /// <param name="epsilon">ε added to the denominator after the square root; ≥ 0.</param>
    /// <param name="weightDecay">L2 penalty coefficient added to the gradient as weightDecay·w; ≥ 0.</param>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : this(learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay: false, decayWhere: null) { }

    /// <summary>Lets <see cref="AdamW"/> apply its weight decay to the weights instead of the gradient, and only to the
    /// variables <paramref name="decayWhere"/> picks (all when null).</summary>
    private protected Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupledWeightDecay,
        Func<Variable, bool>? decayWhere) : base(learningRate)
    {
        (Beta1, Beta2, Epsilon, WeightDecay) = (InUnitInterval(beta1), InUnitInterval(beta2), NonNegative(epsilon), NonNegative(weightDecay));
        (_decoupledWeightDecay, _decayWhere) = (decoupledWeightDecay, decayWhere);
    }

    /// <summary>The decay rate β1 of the gradient average.</summary>
    public double Beta1 { get; }

    /// <summary>The decay rate β2 of the squared-gradient average.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to the denominator after the square root.</summary>
    public double Epsilon { get; }

    /// <summary>The weight-decay coefficient (L2 for Adam, decoupled for <see cref="AdamW"/>).</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override void UpdateStep<T>(Variable variable, ReadOnlySpan<T> gradient, T learningRate)
    {
        double weightDecay = _decayWhere == null || _decayWhere(variable) ? WeightDecay : 0;
        AdamKernels.Step(variable.AsSpan<T>(), gradient, Slot<T>(variable, "exp_avg"), Slot<T>(variable, "exp_avg_sq"), learningRate,
            T.CreateChecked(Beta1), T.CreateChecked(Beta2), T.CreateChecked(Epsilon), T.CreateChecked(weightDecay), _decoupledWeightDecay, Iterations + 1);
    }
}
