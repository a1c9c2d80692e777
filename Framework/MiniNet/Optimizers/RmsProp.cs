using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// RMSprop (Hinton, lecture 6e) as torch.optim.RMSprop defines it: g ← g + weightDecay·w (L2); s ← α·s + (1-α)·g²;
/// d = √s + ε, or, centered (Graves, 2013), a ← α·a + (1-α)·g and d = √(s - a²) + ε; then w ← w - lr·g/d, or with
/// momentum v ← momentum·v + g/d and w ← w - lr·v. State: slots "square_avg" (s), "grad_avg" (a, when centered) and
/// "velocity" (v, PyTorch's momentum_buffer, when momentum &gt; 0), all starting at zero.
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer with PyTorch's defaults, validating every hyper-parameter.</summary>
    /// <param name="learningRate">Step size lr, finite and ≥ 0.</param>
    /// <param name="alpha">Decay rate α of the running averages, in [0, 1).</param>
    /// <param name="epsilon">ε added to the denominator after the square root; ≥ 0.</param>
    /// <param name="weightDecay">L2 penalty coefficient added to the gradient as weightDecay·w; ≥ 0.</param>
    /// <param name="momentum">Momentum applied to the normalised step, in [0, 1); 0 turns it off.</param>
    /// <param name="centered">Divide by an estimate of the gradient's variance (s - a²) instead of its raw second moment.</param>
    public RmsProp(double learningRate = 0.01, double alpha = 0.99, double epsilon = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(learningRate)
    {
        (Alpha, Epsilon, WeightDecay, Momentum) = (InUnitInterval(alpha), NonNegative(epsilon), NonNegative(weightDecay), InUnitInterval(momentum));
        Centered = centered;
    }

    /// <summary>The decay rate α of the running averages.</summary>
    public double Alpha { get; }

    /// <summary>ε, added to the denominator after the square root.</summary>
    public double Epsilon { get; }

    /// <summary>The L2 weight-decay coefficient.</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum coefficient (0: none).</summary>
    public double Momentum { get; }

    /// <summary>Whether the squared-gradient average is centered by the gradient average.</summary>
    public bool Centered { get; }

    /// <inheritdoc />
    protected override void UpdateStep<T>(Variable variable, ReadOnlySpan<T> gradient, T learningRate) =>
        RmsPropKernels.Step(variable.AsSpan<T>(), gradient, Slot<T>(variable, "square_avg"),
            Centered ? Slot<T>(variable, "grad_avg") : Span<T>.Empty, Momentum != 0 ? Slot<T>(variable, "velocity") : Span<T>.Empty,
            learningRate, T.CreateChecked(Alpha), T.CreateChecked(Epsilon), T.CreateChecked(WeightDecay), T.CreateChecked(Momentum), Centered);
}
