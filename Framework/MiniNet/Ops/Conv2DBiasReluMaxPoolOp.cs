using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// A convolution layer with bias and ReLU and the max pooling after it, in one op: p = maxpool(max(conv2d(x, W) + b, 0)),
/// for windows side by side (strides equal to the pool size, valid padding), as Keras's convnets pool. It replaces
/// <see cref="Conv2DBiasReluOp"/> followed by <see cref="MaxPooling2DOp"/>, which stay the reference its tests compare
/// against: the convolution's output is pooled while it is still in cache and never kept (<see cref="ConvPoolKernels"/>),
/// and backward goes from dP straight to the pre-activation gradient dZ and dB in one walk (where a window's maximum was,
/// y &gt; 0 exactly when the pooled value is), before the convolution's dW and dX; in a first layer, whose input wants no
/// gradient, dZ's rows are built a chunk at a time inside dW's product and never stored. The same numbers as the two ops,
/// with one tensor the size of the convolution's output fewer, and three passes over it fewer. A model takes it for a
/// <c>Conv2D</c> with ReLU followed by such a <c>MaxPooling2D</c>, when its kernels fit (<see cref="ConvPoolKernels.Fits{T}"/>).
/// </summary>
public sealed class Conv2DBiasReluMaxPoolOp : Op
{
    private readonly ConvGeometry _conv;
    private readonly PoolingGeometry _pool;
    private Tensor _positions = null!;

    private Conv2DBiasReluMaxPoolOp(Tensor input, Tensor kernel, Tensor bias, ConvGeometry conv, PoolingGeometry pool)
        : base("conv2d_bias_relu_max_pool2d", input, kernel, bias) => (_conv, _pool) = (conv, pool);

    /// <summary>maxpool(max(conv2d(<paramref name="input"/>, <paramref name="kernel"/>) + <paramref name="bias"/>, 0)) with
    /// <paramref name="poolSize"/>×<paramref name="poolSize"/> windows side by side, or null when the pair does not fit
    /// <see cref="ConvPoolKernels"/> (then apply the two ops).</summary>
    /// <param name="input">The images, (batch, height, width, channels).</param>
    /// <param name="kernel">The filters, (kernel height, kernel width, input channels, output channels).</param>
    /// <param name="bias">One value per output channel.</param>
    /// <param name="strides">The convolution's strides.</param>
    /// <param name="padding">The convolution's padding.</param>
    /// <param name="poolSize">The pooling windows' size and strides.</param>
    /// <returns>(N, Ho / poolSize, Wo / poolSize, Cout), or null.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit the convolution (as <see cref="Conv2DBiasReluOp"/> says).</exception>
    public static Tensor? TryApply(Tensor input, Tensor kernel, Tensor bias, int strides, Padding padding, int poolSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(bias);
        var conv = Conv2DOp.Geometry(input.ShapeArray, kernel.ShapeArray, strides, strides, padding);
        if (bias.Rank != 1 || bias.Shape[0] != conv.OutChannels || poolSize < 1 || conv.OutHeight < poolSize || conv.OutWidth < poolSize)
            return null;
        var pool = new PoolingGeometry(conv.Batch, conv.OutHeight, conv.OutWidth, conv.OutChannels, poolSize, poolSize, poolSize, poolSize,
            0, 0, conv.OutHeight / poolSize, conv.OutWidth / poolSize);
        bool fits = input.DType == DType.Float32 ? ConvPoolKernels.Fits<float>(conv, pool) : input.DType == DType.Float64 && ConvPoolKernels.Fits<double>(conv, pool);
        if (!fits || kernel.DType != input.DType || bias.DType != input.DType) return null;
        return new Conv2DBiasReluMaxPoolOp(input, kernel, bias, conv, pool).Run([pool.Batch, pool.OutputHeight, pool.OutputWidth, pool.Channels]);
    }

    /// <summary>Elements of the convolution's output (N·Ho·Wo·Cout), which the op pools without keeping.</summary>
    internal int ConvolutionOutputs => _conv.OutputLength;

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        _positions = Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: false);
        ConvPoolKernels.ForwardBiasReluMaxPool(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), Inputs[2].AsSpan<T>(), Output.AsSpan<T>(),
            _positions.AsSpan<T>(), _conv, _pool);
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        var db = gradients.TryGetGradient<T>(Inputs[2], out var biasGradient) ? biasGradient : default;
        if (!gradients.WantsGradient(Inputs[0]) && ConvPoolKernels.BuildsKernelGradientFromWindows<T>(_conv, _pool))
        {
            // A first layer: with no dX to compute, dZ is built a chunk at a time where dW's product reads it, never whole.
            var dw = gradients.TryGetGradient<T>(Inputs[1], out var kernelGradient) ? kernelGradient : default;
            ConvPoolKernels.BiasAndKernelGradients(Inputs[0].AsSpan<T>(), Output.AsSpan<T>(), _positions.AsSpan<T>(), outputGradient, dw, db, _conv, _pool);
            return;
        }
        var dz = Tensor.Temporary([_conv.Batch, _conv.OutHeight, _conv.OutWidth, _conv.OutChannels], Output.DType, zeroed: false);
        ConvPoolKernels.MaxPoolBiasReluGradient(Output.AsSpan<T>(), _positions.AsSpan<T>(), outputGradient, dz.AsSpan<T>(), db, _conv, _pool);
        gradients.AddConvGradients<T>(Inputs[0], Inputs[1], dz.AsSpan<T>(), _conv);
    }
}
