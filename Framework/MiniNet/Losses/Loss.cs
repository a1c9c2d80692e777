using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Losses;

/// <summary>A differentiable measure of how far predictions are from labels, averaged over the batch to one scalar.
/// Arguments follow Keras's order: labels (y_true) first, then predictions (y_pred).</summary>
public abstract class Loss
{
    /// <summary>The loss's Keras name, used in messages and logs.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the loss takes class indices (batch) as labels, like sparse categorical cross-entropy, rather than float
    /// targets shaped like the predictions. <c>Fit</c> checks a dataset's targets against it before the first step.</summary>
    public virtual bool TakesClassIndices => false;

    /// <summary>The range every float target must lie in, e.g. [0, 1] for binary cross-entropy; checked by <c>Fit</c> before
    /// the first step.</summary>
    public virtual (double Min, double Max) TargetRange => (double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>What <c>Fit</c> and <c>Evaluate</c> measure besides this loss when not told, as new metrics (e.g. an accuracy
    /// logged as "accuracy"); none by default.</summary>
    public virtual IReadOnlyList<Metric> DefaultMetrics => [];

    /// <summary>The metric Keras's "accuracy" means with this loss, logged under <paramref name="name"/> (e.g. sparse
    /// categorical accuracy for sparse categorical cross-entropy); null when accuracy has no meaning for it.</summary>
    public virtual Metric? AccuracyMetric(string name) => null;

    /// <summary>The mean loss over the batch, as a scalar tensor recorded by any active tape.</summary>
    public abstract Tensor Call(Tensor labels, Tensor predictions);

    /// <summary>Throws unless <paramref name="labels"/> and <paramref name="predictions"/> have the same shape and dtype.</summary>
    protected void RequireSameShape(Tensor labels, Tensor predictions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (!labels.Shape.SequenceEqual(predictions.Shape))
            throw new ArgumentException($"{Name}: labels {ShapeMath.Format([.. labels.Shape])} and predictions {ShapeMath.Format([.. predictions.Shape])} differ in shape");
    }
}
