using MiniNet.Tensors;

namespace MiniNet.Losses;

// What a loss says about the targets it takes, checked by Fit before the first step and by the loss on each call.
public abstract partial class Loss
{
    /// <summary>Whether the loss takes class indices (batch) as labels, like sparse categorical cross-entropy, rather than float
    /// targets shaped like the predictions. <c>Fit</c> checks a dataset's targets against it before the first step.</summary>
    public virtual bool TakesClassIndices => false;

    /// <summary>The range every float target must lie in, e.g. [0, 1] for binary cross-entropy; checked by <c>Fit</c> before
    /// the first step.</summary>
    public virtual (double Min, double Max) TargetRange => (double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Throws unless <paramref name="labels"/> and <paramref name="predictions"/> have the same shape and dtype.</summary>
    protected void RequireSameShape(Tensor labels, Tensor predictions)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (!labels.Shape.SequenceEqual(predictions.Shape))
            throw new ArgumentException($"{Name}: labels {ShapeMath.Format([.. labels.Shape])} and predictions {ShapeMath.Format([.. predictions.Shape])} differ in shape");
    }
}
