using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// What max and average pooling share: a square window of <c>poolSize</c> slid by <c>strides</c> over the height and width of
/// a channels-last batch x (batch, height, width, channels), each channel pooled on its own, giving (batch, outputHeight,
/// outputWidth, channels). With <see cref="Padding.Valid"/> only whole windows count: output = ⌊(input − poolSize) / strides⌋ + 1;
/// with <see cref="Padding.Same"/> output = ⌈input / strides⌉ and windows that overhang the border pool only what lies inside.
/// </summary>
public abstract class Pooling2DOp : Op
{
    /// <summary>Checks the input and the window and works out where the windows lie.</summary>
    /// <exception cref="ArgumentException">x is not rank 4, a size or stride is below 1, the padding is not defined, or a valid
    /// window is larger than the input; the message names the op and the shapes.</exception>
    protected Pooling2DOp(string name, Tensor x, int poolSize, int strides, Padding padding) : base(name, x)
    {
        if (x.Rank != 4)
            throw new ArgumentException($"{name}: x {ShapeMath.Format(x.ShapeArray)} must be (batch, height, width, channels)");
        SlidingWindow.RequireSize(name, poolSize, nameof(poolSize));
        SlidingWindow.RequireStrides(name, strides, strides);
        SlidingWindow.RequirePadding(name, padding);
        var (height, heightPad) = Extent(name, x.Shape[1], poolSize, strides, padding, x.ShapeArray);
        var (width, widthPad) = Extent(name, x.Shape[2], poolSize, strides, padding, x.ShapeArray);
        Geometry = new PoolingGeometry(x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3], poolSize, poolSize, strides, strides,
            heightPad, widthPad, height, width);
    }

    /// <summary>Where the windows lie.</summary>
    protected PoolingGeometry Geometry { get; }

    /// <summary>The output shape (batch, outputHeight, outputWidth, channels).</summary>
    protected int[] OutputShape => [Geometry.Batch, Geometry.OutputHeight, Geometry.OutputWidth, Geometry.Channels];

    /// <summary>The output length along one axis of <paramref name="input"/> positions, or 0 when a valid window does not fit.</summary>
    public static int OutputLength(int input, int poolSize, int strides, Padding padding) =>
        padding == Padding.Same ? (input + strides - 1) / strides : input < poolSize ? 0 : (input - poolSize) / strides + 1;

    // TensorFlow's rule: the padding needed for the last window to reach the end, split with the extra after.
    private static (int Length, int PadBefore) Extent(string name, int input, int poolSize, int strides, Padding padding, int[] shape)
    {
        int length = OutputLength(input, poolSize, strides, padding);
        if (length == 0)
            throw new ArgumentException($"{name}: x {ShapeMath.Format(shape)}: a {poolSize}x{poolSize} window does not fit in {input} positions with valid padding");
        int padTotal = Math.Max((length - 1) * strides + poolSize - input, 0);
        return (length, padding == Padding.Same ? padTotal / 2 : 0);
    }
}
