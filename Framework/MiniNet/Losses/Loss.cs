using MiniNet.Tensors;

namespace MiniNet.Losses;

/// <summary>A differentiable measure of how far predictions are from labels, averaged over the batch to one scalar.
/// Arguments follow Keras's order: labels (y_true) first, then predictions (y_pred).</summary>
public abstract partial class Loss
{
    /// <summary>The loss's Keras name, used in messages and logs.</summary>
    public abstract string Name { get; }

    /// <summary>The mean loss over the batch, as a scalar tensor recorded by any active tape.</summary>
    public abstract Tensor Call(Tensor labels, Tensor predictions);
}
