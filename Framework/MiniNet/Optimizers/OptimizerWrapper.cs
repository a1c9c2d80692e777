using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// An optimizer that adds one stage to another before its update, as Horovod's <c>DistributedOptimizer</c> adds the
/// all-reduce of the gradients. In everything else it is the wrapped optimizer, sharing rather than copying its update rule,
/// hyper-parameters, learning rate and schedule, clipping, slots and step count: a step through the wrapper advances the
/// wrapped optimizer, and a checkpoint saved through either loads into the other. A subclass writes only
/// <see cref="CombineGradients"/>.
/// <code>
/// var optimizer = new DistributedOptimizer(new Sgd(0.1, momentum: 0.9), group);   // MiniNet.Distributed
/// model.Fit(train, loss, optimizer, ...);                                       // Fit takes it as any optimizer
/// </code>
/// </summary>
public abstract class OptimizerWrapper : Optimizer
{
    /// <summary>Wraps <paramref name="wrapped"/>, sharing its rule and state from now on.</summary>
    /// <exception cref="ArgumentNullException">wrapped is null.</exception>
    protected OptimizerWrapper(Optimizer wrapped) : base(wrapped) => Wrapped = wrapped;

    /// <summary>The optimizer whose update runs after this wrapper's stage.</summary>
    public Optimizer Wrapped { get; }

    /// <summary>
    /// This wrapper's stage, run by <see cref="Optimizer.ApplyGradients"/> after the gradients are checked against their
    /// variables and before they are clipped and applied. It may replace any element of <paramref name="gradients"/> (one
    /// per variable, null where a variable has no gradient) with a new tensor of the same shape and dtype, never modifying
    /// the caller's tensors, and may update <paramref name="totals"/>. When the wrapped optimizer is a wrapper too, its
    /// stage runs first.
    /// </summary>
    /// <param name="gradients">The step's gradients, in the order of <paramref name="variables"/>.</param>
    /// <param name="variables">The variables the step updates.</param>
    /// <param name="totals">What the gradients stand for, as given to ApplyGradients, or null.</param>
    protected abstract void CombineGradients(Tensor?[] gradients, IReadOnlyList<Variable> variables, StepTotals? totals);

    /// <summary>Runs the stages from the innermost wrapper out.</summary>
    internal sealed override void RunStages(Tensor?[] gradients, IReadOnlyList<(Tensor? Gradient, Variable Variable)> pairs, StepTotals? totals)
    {
        Wrapped.RunStages(gradients, pairs, totals);
        CombineGradients(gradients, [.. pairs.Select(pair => pair.Variable)], totals);
    }

    /// <summary>The wrapped optimizer's update of one variable.</summary>
    protected sealed override void UpdateStep<T>(Variable variable, ReadOnlySpan<T> gradient, T learningRate) =>
        UpdateStepOf(Wrapped, variable, gradient, learningRate);
}
