using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// 2-D convolution without bias, channels-last as Keras: input (N, H, W, Cin) and kernel (KH, KW, Cin, Cout) give output
/// (N, Ho, Wo, Cout), y[n, oy, ox, o] = Σ_{ky, kx, c} x[n, oy·sh - top + ky, ox·sw - left + kx, c] · w[ky, kx, c, o] (zeros
/// outside the image). As matrices, Y = cols · W; dW += colsᵀ · dY; dX += col2im(dY · Wᵀ) (see <see cref="ConvKernels"/>).
/// The padding zeros are multiplied in like any other value, so an infinite weight over the padding gives NaN, as it would
/// in the matrix product. The layer adds bias and activation with <see cref="BiasActivationOp"/>, which takes the
/// (N, Ho, Wo, Cout) output as it is, with one bias per channel.
/// </summary>
public sealed class Conv2DOp : Op
{
    private readonly ConvGeometry _geometry;

    private Conv2DOp(Tensor input, Tensor kernel, ConvGeometry geometry) : base("conv2d", input, kernel) => _geometry = geometry;

    /// <summary>Convolves <paramref name="input"/> (N, H, W, Cin) with <paramref name="kernel"/> (KH, KW, Cin, Cout).</summary>
    /// <param name="input">The images, (batch, height, width, channels).</param>
    /// <param name="kernel">The filters, (kernel height, kernel width, input channels, output channels).</param>
    /// <param name="strideH">Rows between neighbouring windows (at least 1).</param>
    /// <param name="strideW">Columns between neighbouring windows (at least 1).</param>
    /// <param name="padding"><see cref="Padding.Valid"/> or <see cref="Padding.Same"/>.</param>
    /// <returns>(N, Ho, Wo, Cout).</returns>
    /// <exception cref="ArgumentException">The shapes do not fit (the message names the op and both shapes), or the dtypes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stride is below 1 or the padding is not a defined value.</exception>
    public static Tensor Apply(Tensor input, Tensor kernel, int strideH, int strideW, Padding padding)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernel);
        var geometry = Geometry(input.ShapeArray, kernel.ShapeArray, strideH, strideW, padding);
        return new Conv2DOp(input, kernel, geometry).Run([geometry.Batch, geometry.OutHeight, geometry.OutWidth, geometry.OutChannels]);
    }

    /// <summary>The output shape (N, Ho, Wo, Cout) the op gives for these arguments; throws as <see cref="Apply"/> does.</summary>
    public static int[] OutputShape(int[] inputShape, int[] kernelShape, int strideH, int strideW, Padding padding)
    {
        var geometry = Geometry(inputShape, kernelShape, strideH, strideW, padding);
        return [geometry.Batch, geometry.OutHeight, geometry.OutWidth, geometry.OutChannels];
    }

    /// <summary>The sizes, padding and output size of a convolution, checked: input rank 4 (N, H, W, Cin), kernel rank 4
    /// (KH, KW, Cin, Cout) with KH, KW ≥ 1, matching channels, and for <see cref="Padding.Valid"/> a kernel no larger than
    /// the image.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stride is below 1 or the padding is not a defined value.</exception>
    public static ConvGeometry Geometry(int[] inputShape, int[] kernelShape, int strideH, int strideW, Padding padding)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(kernelShape);
        SlidingWindow.RequireStrides("conv2d", strideH, strideW);
        SlidingWindow.RequirePadding("conv2d", padding);
        string Shapes() => $"input {ShapeMath.Format(inputShape)} x kernel {ShapeMath.Format(kernelShape)}";
        if (inputShape.Length != 4 || kernelShape.Length != 4)
            throw new ArgumentException($"conv2d: {Shapes()}: the input must be rank 4 (batch, height, width, channels) and the kernel rank 4 (height, width, in channels, out channels)");
        var (batch, height, width, channels) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3]);
        var (kernelHeight, kernelWidth, kernelChannels, filters) = (kernelShape[0], kernelShape[1], kernelShape[2], kernelShape[3]);
        if (kernelHeight < 1 || kernelWidth < 1)
            throw new ArgumentException($"conv2d: {Shapes()}: the kernel must be at least 1×1");
        if (channels != kernelChannels)
            throw new ArgumentException($"conv2d: {Shapes()}: input channels {channels} and {kernelChannels} differ");
        var (outHeight, padTop) = Fit(height, kernelHeight, strideH, padding);
        var (outWidth, padLeft) = Fit(width, kernelWidth, strideW, padding);
        if (outHeight < 0 || outWidth < 0)
            throw new ArgumentException($"conv2d: {Shapes()}: the kernel {kernelHeight}×{kernelWidth} is larger than the image {height}×{width} with valid padding");
        var geometry = new ConvGeometry(batch, height, width, channels, kernelHeight, kernelWidth, filters, strideH, strideW, padTop, padLeft, outHeight, outWidth);
        if (ConvKernels.Conv2DGeometryOverflows(geometry))
            throw new ArgumentException($"conv2d: {Shapes()}: the input, output, kernel or column matrix would hold 2³¹ elements or more");
        return geometry;
    }

    /// <summary>Output length and padding before the image along one axis; a negative length when a valid window does not fit.</summary>
    private static (int Length, int PadBefore) Fit(int size, int kernel, int stride, Padding padding)
    {
        if (padding == Padding.Valid) return (size < kernel ? -1 : (size - kernel) / stride + 1, 0);
        int length = (size + stride - 1) / stride;
        int total = Math.Max((length - 1) * stride + kernel - size, 0);
        return (length, total / 2);
    }

    /// <inheritdoc />
    protected override void Forward<T>() =>
        ConvKernels.Forward(Inputs[0].AsSpan<T>(), Inputs[1].AsSpan<T>(), Output.AsSpan<T>(), _geometry);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        gradients.AddConvGradients(Inputs[0], Inputs[1], outputGradient, _geometry);
    }
}
