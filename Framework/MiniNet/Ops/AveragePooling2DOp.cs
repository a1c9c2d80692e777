using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Average pooling over (batch, height, width, channels): each output is the mean of the inputs in its window (with
/// <see cref="Padding.Same"/>, of those inside the input: padding is not counted, as TensorFlow). Backward: each input in
/// the window receives dy / count, dx += dy / count.</summary>
public sealed class AveragePooling2DOp : Pooling2DOp
{
    private AveragePooling2DOp(Tensor x, int poolSize, int strides, Padding padding) : base("avg_pool2d", x, poolSize, strides, padding) { }

    /// <summary>Average-pools <paramref name="x"/> (batch, height, width, channels) with a <paramref name="poolSize"/>-square window.</summary>
    /// <param name="x">Channels-last images.</param>
    /// <param name="poolSize">The window's height and width.</param>
    /// <param name="strides">The step between windows; null for <paramref name="poolSize"/> (windows side by side, as Keras).</param>
    /// <param name="padding">Whole windows only, or ⌈input / strides⌉ windows.</param>
    /// <exception cref="ArgumentException">See <see cref="Pooling2DOp"/>.</exception>
    public static Tensor Apply(Tensor x, int poolSize = 2, int? strides = null, Padding padding = Padding.Valid)
    {
        ArgumentNullException.ThrowIfNull(x);
        var op = new AveragePooling2DOp(x, poolSize, strides ?? poolSize, padding);
        return op.Run(op.OutputShape);
    }

    /// <inheritdoc />
    protected override void Forward<T>() => PoolingKernels.AveragePool(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), Geometry);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        gradients.AddAveragePoolGradient(Inputs[0], outputGradient, Geometry);
    }
}
