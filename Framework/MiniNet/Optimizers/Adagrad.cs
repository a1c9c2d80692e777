using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// Adagrad (Duchi, Hazan and Singer, 2011) as torch.optim.Adagrad defines it, with t the step number counted from 1:
/// g ← g + weightDecay·w (L2); rate = lr / (1 + (t - 1)·learningRateDecay); sum ← sum + g²; w ← w - rate·g / (√sum + ε).
/// State: slot "sum", starting at initialAccumulatorValue. t is the optimizer's step count (<see cref="Optimizer.Iterations"/> + 1).
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer with PyTorch's defaults, validating every hyper-parameter.</summary>
    /// <param name="learningRate">Step size lr, finite and ≥ 0.</param>
    /// <param name="learningRateDecay">Decay of the step size per step, as above; ≥ 0.</param>
    /// <param name="weightDecay">L2 penalty coefficient added to the gradient as weightDecay·w; ≥ 0.</param>
    /// <param name="initialAccumulatorValue">The starting value of every element of "sum"; ≥ 0.</param>
    /// <param name="epsilon">ε added to the denominator after the square root; ≥ 0.</param>
    public Adagrad(double learningRate = 0.01, double learningRateDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double epsilon = 1e-10)
        : base(learningRate)
    {
        (LearningRateDecay, WeightDecay, InitialAccumulatorValue, Epsilon) =
            (NonNegative(learningRateDecay), NonNegative(weightDecay), NonNegative(initialAccumulatorValue), NonNegative(epsilon));
    }

    /// <summary>The decay of the step size per step.</summary>
    public double LearningRateDecay { get; }

    /// <summary>The L2 weight-decay coefficient.</summary>
    public double WeightDecay { get; }

    /// <summary>The starting value of the "sum" slot.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>ε, added to the denominator after the square root.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override void UpdateStep<T>(Variable variable, ReadOnlySpan<T> gradient, T learningRate) =>
        AdagradKernels.Step(variable.AsSpan<T>(), gradient, Slot<T>(variable, "sum", InitialAccumulatorValue), learningRate,
            T.CreateChecked(LearningRateDecay), T.CreateChecked(Epsilon), T.CreateChecked(WeightDecay), Iterations + 1);
}
