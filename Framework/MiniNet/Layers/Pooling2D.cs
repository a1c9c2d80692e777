using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// What <see cref="MaxPooling2D"/> and <see cref="AveragePooling2D"/> share: a square window slid over channels-last images
/// (batch, height, width, channels), each channel pooled on its own, as Keras's pooling layers. No weights. Output examples
/// are (outputHeight, outputWidth, channels), sized as <see cref="Pooling2DOp"/> describes.
/// </summary>
public abstract class Pooling2D : Layer
{
    private int[] _outputShape = [];

    /// <summary>Checks and keeps the window.</summary>
    /// <param name="poolSize">The window's height and width; at least 1.</param>
    /// <param name="strides">The step between windows, at least 1; null for <paramref name="poolSize"/>, as Keras.</param>
    /// <param name="padding">Whole windows only (<see cref="Padding.Valid"/>, Keras's default) or ⌈input / strides⌉ windows.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or stride is below 1, or the padding is not defined.</exception>
    protected Pooling2D(int poolSize, int? strides, Padding padding)
    {
        string layer = GetType().Name;
        SlidingWindow.RequireSize(layer, poolSize, nameof(poolSize));
        SlidingWindow.RequireStrides(layer, strides ?? poolSize, strides ?? poolSize);
        SlidingWindow.RequirePadding(layer, padding);
        PoolSize = poolSize;
        Strides = strides ?? poolSize;
        Padding = padding;
    }

    /// <summary>The window's height and width.</summary>
    public int PoolSize { get; }

    /// <summary>The step between windows.</summary>
    public int Strides { get; }

    /// <summary>How the windows treat the border.</summary>
    public Padding Padding { get; }

    /// <inheritdoc />
    public override int OutputSize => ShapeMath.ElementCount(_outputShape);

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => _outputShape;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input examples are not images (height, width, channels), or a valid window
    /// does not fit in them.</exception>
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        if (inputShape.Count != 3)
            throw new ArgumentException($"layer '{Name}' ({GetType().Name}) takes images (height, width, channels), but its input examples are {ShapeMath.Format([.. inputShape])}");
        int height = Pooling2DOp.OutputLength(inputShape[0], PoolSize, Strides, Padding);
        int width = Pooling2DOp.OutputLength(inputShape[1], PoolSize, Strides, Padding);
        if (height == 0 || width == 0)
            throw new ArgumentException($"layer '{Name}' ({GetType().Name}): a {PoolSize}x{PoolSize} window does not fit in input examples {ShapeMath.Format([.. inputShape])} with valid padding");
        _outputShape = [height, width, inputShape[2]];
    }
}
