using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum (Polyak's heavy ball), Nesterov momentum and weight decay.
/// <para>PyTorch form (default), with velocity v starting at zero, so the first step equals a plain SGD step:
/// g ← g + weightDecay·w; v ← m·v + g; w ← w - lr·v. Nesterov (PyTorch's definition): w ← w - lr·(g + m·v) after the velocity update.</para>
/// <para>Keras writes the same method as v ← m·v - lr·g; w ← w + v (<see cref="MomentumForm.Keras"/>). The two agree step for
/// step while the learning rate is constant; when it changes, the Keras velocity still carries the old rate, the PyTorch one does not.</para>
/// State: slot "velocity" (PyTorch's momentum_buffer), kept when momentum &gt; 0 or in the Keras form.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer, validating every hyper-parameter.</summary>
    /// <param name="learningRate">Step size lr, finite and ≥ 0.</param>
    /// <param name="momentum">Momentum m in [0, 1); 0 is plain SGD.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum &gt; 0).</param>
    /// <param name="weightDecay">L2 penalty coefficient added to the gradient as weightDecay·w; ≥ 0.</param>
    /// <param name="form">Which way of writing momentum to use.</param>
    public Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false, double weightDecay = 0, MomentumForm form = MomentumForm.PyTorch)
        : base(learningRate)
    {
        Momentum = InUnitInterval(momentum);
        if (nesterov && momentum == 0)
            throw new ArgumentException($"sgd: nesterov needs a momentum > 0, got momentum {momentum}", nameof(nesterov));
        Nesterov = nesterov;
        WeightDecay = NonNegative(weightDecay);
        Form = form;
    }

    /// <summary>The momentum coefficient m.</summary>
    public double Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>The L2 weight-decay coefficient.</summary>
    public double WeightDecay { get; }

    /// <summary>The way momentum is written (PyTorch or Keras).</summary>
    public MomentumForm Form { get; }

    /// <inheritdoc />
    protected override void UpdateStep<T>(Variable variable, ReadOnlySpan<T> gradient, T learningRate)
    {
        var velocity = Momentum != 0 || Form == MomentumForm.Keras ? Slot<T>(variable, "velocity") : Span<T>.Empty;
        (T momentum, T weightDecay) = (T.CreateChecked(Momentum), T.CreateChecked(WeightDecay));
        if (Form == MomentumForm.Keras) SgdKernels.KerasStep(variable.AsSpan<T>(), velocity, gradient, learningRate, momentum, weightDecay, Nesterov);
        else SgdKernels.Step(variable.AsSpan<T>(), velocity, gradient, learningRate, momentum, weightDecay, Nesterov);
    }
}
