using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Max pooling over (batch, height, width, channels): each output is the largest input in its window. Backward: the
/// output's gradient goes to the window position that held the maximum, the first in row-major order on a tie (as TensorFlow);
/// dx += dy there, nothing elsewhere. The forward pass records that position, so the backward pass need not search again.</summary>
public sealed class MaxPooling2DOp : Pooling2DOp
{
    private Tensor _positions = null!;

    private MaxPooling2DOp(Tensor x, int poolSize, int strides, Padding padding) : base("max_pool2d", x, poolSize, strides, padding) { }

    /// <summary>Max-pools <paramref name="x"/> (batch, height, width, channels) with a <paramref name="poolSize"/>-square window.</summary>
    /// <param name="x">Channels-last images.</param>
    /// <param name="poolSize">The window's height and width.</param>
    /// <param name="strides">The step between windows; null for <paramref name="poolSize"/> (windows side by side, as Keras).</param>
    /// <param name="padding">Whole windows only, or ⌈input / strides⌉ windows.</param>
    /// <exception cref="ArgumentException">See <see cref="Pooling2DOp"/>.</exception>
    public static Tensor Apply(Tensor x, int poolSize = 2, int? strides = null, Padding padding = Padding.Valid)
    {
        ArgumentNullException.ThrowIfNull(x);
        var op = new MaxPooling2DOp(x, poolSize, strides ?? poolSize, padding);
        return op.Run(op.OutputShape);
    }

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        _positions = Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: false);
        PoolingKernels.MaxPool(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), _positions.AsSpan<T>(), Geometry);
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients) =>
        gradients.AddMaxPoolGradient(Inputs[0], _positions.AsSpan<T>(), outputGradient, Geometry);
}
