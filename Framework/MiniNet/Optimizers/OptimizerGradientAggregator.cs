using MiniNet.Tensors;

namespace MiniNet.Optimizers;

// The hook run on a step's gradients before clipping, e.g. to average them over processes.
public abstract partial class Optimizer
{
    /// <summary>Keras's <c>gradient_aggregator</c>: run on the step's gradients (one per variable, null where none) before they
    /// are clipped; it may replace any with a new tensor of the same shape and dtype, never modifying the caller's. Null by
    /// default. MiniNet.Distributed's <c>DistributedOptimizer</c> sets it to average the gradients over processes.</summary>
    public Action<Tensor?[], IReadOnlyList<Variable>>? GradientAggregator { get; set; }
}
