using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Tensors;

namespace MiniNet.Models;

/// <summary>
/// A stack of layers applied in order. The model builds every layer at construction from one seeded generator, so
/// <see cref="TrainableVariables"/> is ready at once and the same seed always gives the same initial weights.
/// </summary>
public sealed partial class Sequential
{
    private readonly Layer[] _layers;
    private readonly Variable[] _trainableVariables;
    private readonly int[] _inputShape;

    /// <summary>Every layer's trainable weights, layer by layer in creation order (e.g. dense_0/kernel, dense_0/bias,
    /// dense_1/kernel, ...): what a tape differentiates and an optimizer updates.</summary>
    public IReadOnlyList<Variable> TrainableVariables => _trainableVariables;

    /// <summary>The weights' element type.</summary>
    public DType DType { get; }

    /// <summary>Runs a batch (batch, ...InputShape) through every layer and returns the last layer's output: in training mode
    /// while a <see cref="GradientTape"/> is recording on this thread (the step of a training loop), for inference otherwise.</summary>
    /// <exception cref="ArgumentException">The input's shape or dtype does not match the model.</exception>
    public Tensor Call(Tensor inputs) => Call(inputs, training: GradientTape.IsRecording);

    /// <summary>Runs a batch (batch, ...InputShape) through every layer in training mode when <paramref name="training"/>
    /// is set (Dropout drops, BatchNormalization uses the batch's statistics), as Keras's <c>model(x, training=True)</c>:
    /// the explicit form of <see cref="Call(Tensor)"/>'s rule, e.g. for inference inside a tape.</summary>
    /// <exception cref="ArgumentException">The input's shape or dtype does not match the model.</exception>
    public Tensor Call(Tensor inputs, bool training)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank != _inputShape.Length + 1 || !inputs.ShapeArray.AsSpan(1).SequenceEqual(_inputShape))
            throw new ArgumentException($"sequential: inputs {ShapeMath.Format([.. inputs.Shape])} do not match the model, which expects (batch,{string.Join(",", InputShape)})", nameof(inputs));
        if (inputs.DType != DType)
            throw new ArgumentException($"sequential: inputs are {Tensor.DTypeName(inputs.DType)} but the model's weights are {Tensor.DTypeName(DType)}", nameof(inputs));
        var x = inputs;
        for (int i = 0; i < _layers.Length; i++)
        {
            // A convolution with ReLU and the max pooling after it run as one op when they can (the same numbers, faster).
            if (CallPooled(i, x) is { } pooled) (x, i) = (pooled, i + 1);
            else x = _layers[i].Call(x, training);
        }
        return x;
    }
}
