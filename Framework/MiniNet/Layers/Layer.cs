using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>A building block of a model: creates its weights once the input width is known, then maps a batch to a batch.</summary>
public abstract partial class Layer
{
    private readonly List<Variable> _variables = [];

    /// <summary>The layer's name, e.g. "dense_0"; its variables are named "{Name}/kernel" and so on.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>All the layer's variables, trainable and not, in creation order (empty until built).</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>The layer's trainable weights, in creation order (empty until built).</summary>
    public IReadOnlyList<Variable> TrainableVariables => [.. _variables.Where(variable => variable.Trainable)];

    /// <summary>State the layer learns other than by gradients, such as <see cref="Normalization"/>'s mean and variance:
    /// saved in checkpoints and exported, never updated by an optimizer.</summary>
    public IReadOnlyList<Variable> NonTrainableVariables => [.. _variables.Where(variable => !variable.Trainable)];

    /// <summary>The number of values in one output example (the width, for a flat layer).</summary>
    public abstract int OutputSize { get; }

    /// <summary>The shape of one output example; (<see cref="OutputSize"/>) unless the layer keeps a shape, as an image layer does.</summary>
    public virtual IReadOnlyList<int> OutputShape => [OutputSize];

    /// <summary>Maps a batch (batch, ...InputShape) to (batch, ...OutputShape), for inference.</summary>
    public abstract Tensor Call(Tensor inputs);

    /// <summary>Maps a batch as <see cref="Call(Tensor)"/> does, in training mode when <paramref name="training"/> is set (as
    /// Keras's <c>call(inputs, training)</c>): only layers that act differently while training, such as Dropout and
    /// BatchNormalization, override it. <c>Fit</c> trains in training mode; <c>Evaluate</c> and <c>Predict</c> do not.</summary>
    public virtual Tensor Call(Tensor inputs, bool training) => Call(inputs);
}
