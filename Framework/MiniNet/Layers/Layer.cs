using MiniNet.Tensors;

namespace MiniNet.Layers;

// A layer's name, variables and shapes, made once when the model builds it, are in LayerBuild.cs.
/// <summary>A building block of a model: creates its weights once the input width is known, then maps a batch to a batch.</summary>
public abstract partial class Layer
{
    /// <summary>Maps a batch (batch, ...InputShape) to (batch, ...OutputShape), for inference.</summary>
    public abstract Tensor Call(Tensor inputs);

    /// <summary>Maps a batch as <see cref="Call(Tensor)"/> does, in training mode when <paramref name="training"/> is set (as
    /// Keras's <c>call(inputs, training)</c>): only layers that act differently while training, such as Dropout and
    /// BatchNormalization, override it. <c>Fit</c> trains in training mode; <c>Evaluate</c> and <c>Predict</c> do not.</summary>
    public virtual Tensor Call(Tensor inputs, bool training) => Call(inputs);
}
