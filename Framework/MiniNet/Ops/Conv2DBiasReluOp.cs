using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// A convolution layer with bias and ReLU in one op: y = max(conv2d(x, W) + b, 0), channels-last as <see cref="Conv2DOp"/>.
/// It replaces <see cref="Conv2DOp"/> followed by <see cref="BiasActivationOp"/> (ReLU), which stay the reference its tests
/// compare against: the bias and ReLU run on each chunk of output rows while the convolution's product still has it in cache
/// (<see cref="ConvKernels.ForwardBiasRelu{T}"/>), and backward dZ = dY·[y &gt; 0] and dB += Σ dZ are one walk
/// (<see cref="ConvKernels.BiasReluGradient{T}"/>) before the convolution's dW += colsᵀ·dZ and dX += col2im(dZ·Wᵀ). The
/// numbers are exactly those of the two ops, with one op, one tensor and two passes over the output fewer.
/// </summary>
public sealed class Conv2DBiasReluOp : Op
{
    private readonly ConvGeometry _geometry;

    private Conv2DBiasReluOp(Tensor input, Tensor kernel, Tensor bias, ConvGeometry geometry)
        : base("conv2d_bias_relu", input, kernel, bias) => _geometry = geometry;

    /// <summary>max(conv2d(<paramref name="input"/>, <paramref name="kernel"/>) + <paramref name="bias"/>, 0).</summary>
    /// <param name="input">The images, (batch, height, width, channels).</param>
    /// <param name="kernel">The filters, (kernel height, kernel width, input channels, output channels).</param>
    /// <param name="bias">One value per output channel, (output channels).</param>
    /// <param name="strideH">Rows between neighbouring windows (at least 1).</param>
    /// <param name="strideW">Columns between neighbouring windows (at least 1).</param>
    /// <param name="padding"><see cref="Padding.Valid"/> or <see cref="Padding.Same"/>.</param>
    /// <returns>(N, Ho, Wo, Cout).</returns>
    /// <exception cref="ArgumentException">The shapes do not fit (the message names the op and the shapes), or the dtypes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stride is below 1 or the padding is not a defined value.</exception>
    public static Tensor Apply(Tensor input, Tensor kernel, Tensor bias, int strideH, int strideW, Padding padding)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(bias);
        var geometry = Conv2DOp.Geometry(input.ShapeArray, kernel.ShapeArray, strideH, strideW, padding);
        if (bias.Rank != 1 || bias.Shape[0] != geometry.OutChannels)
            throw new ArgumentException($"conv2d_bias_relu: kernel {ShapeMath.Format(kernel.ShapeArray)} + bias {ShapeMath.Format(bias.ShapeArray)}: the bias must be a vector of one value per output channel ({geometry.OutChannels})");
        return new Conv2DBiasReluOp(input, kernel, bias, geometry).Run([geometry.Batch, geometry.OutHeight, geometry.OutWidth, geometry.OutChannels]);
    }

    /// <inheritdoc />
    protected override void Forward<T>() =>
        ConvKernels.ForwardBiasRelu(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), Inputs[2].AsSpan<T>(), Output.AsSpan<T>(), _geometry);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        var dz = Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: false);
        var db = gradients.TryGetGradient<T>(Inputs[2], out var biasGradient) ? biasGradient : default;
        ConvKernels.BiasReluGradient(Output.AsSpan<T>(), outputGradient, dz.AsSpan<T>(), db, _geometry);
        gradients.AddConvGradients<T>(Inputs[0], Inputs[1], dz.AsSpan<T>(), _geometry);
    }
}
