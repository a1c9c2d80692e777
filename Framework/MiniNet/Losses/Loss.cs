using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Losses;

/// <summary>A differentiable measure of how far predictions are from labels, averaged over the batch to one scalar.
/// Arguments follow Keras's order: labels (y_true) first, then predictions (y_pred).</summary>
public abstract partial class Loss
{
    /// <summary>The loss's Keras name, used in messages and logs.</summary>
    public abstract string Name { get; }

    /// <summary>What <c>Fit</c> and <c>Evaluate</c> measure besides this loss when not told, as new metrics (e.g. an accuracy
    /// logged as "accuracy"); none by default.</summary>
    public virtual IReadOnlyList<Metric> DefaultMetrics => [];

    /// <summary>The metric Keras's "accuracy" means with this loss, logged under <paramref name="name"/> (e.g. sparse
    /// categorical accuracy for sparse categorical cross-entropy); null when accuracy has no meaning for it.</summary>
    public virtual Metric? AccuracyMetric(string name) => null;

    /// <summary>The mean loss over the batch, as a scalar tensor recorded by any active tape.</summary>
    public abstract Tensor Call(Tensor labels, Tensor predictions);
}
