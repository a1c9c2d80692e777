using MiniNet.Initializers;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// A 2-D convolution over channels-last images, as Keras's Conv2D: outputs = activation(conv(inputs, kernel) + bias), with
/// inputs (batch, height, width, channels), kernel (kernelSize, kernelSize, channels, filters) and bias (filters). The
/// convolution is <see cref="Conv2DOp"/> (im2col and the SIMD matrix multiply; docs/convolution.md); with a bias and a ReLU,
/// the convolution, bias add and ReLU are one op (<see cref="Conv2DBiasReluOp"/>, the same numbers in fewer passes); with a
/// sigmoid or tanh, the bias add and the activation are one op, as in <see cref="Dense"/>. Defaults follow Keras:
/// Glorot-uniform kernel, zero bias, linear activation, stride 1, valid padding.
/// </summary>
public sealed class Conv2D : Layer
{
    private readonly Initializer _kernelInitializer;
    private readonly Initializer _biasInitializer;
    private int[] _outputShape = [];

    /// <summary>Describes the layer; its weights are created when a model builds it.</summary>
    /// <param name="filters">Output channels; at least 1.</param>
    /// <param name="kernelSize">The window's height and width; at least 1.</param>
    /// <param name="activation">Applied to the convolution plus bias; default linear.</param>
    /// <param name="strides">The step between windows, vertically and horizontally; at least 1.</param>
    /// <param name="padding">Whole windows only (Keras's default) or zero padding to ⌈size / strides⌉ positions.</param>
    /// <param name="kernelInitializer">Default <see cref="GlorotUniform"/> (fan in KH·KW·Cin, fan out KH·KW·filters, as Keras).</param>
    /// <param name="biasInitializer">Default <see cref="Zeros"/>.</param>
    /// <param name="useBias">Whether the layer has a bias.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or stride is below 1, or the padding is not defined.</exception>
    public Conv2D(int filters, int kernelSize, Activation? activation = null, int strides = 1, Padding padding = Padding.Valid,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null, bool useBias = true)
    {
        SlidingWindow.RequireSize("conv2d", filters, nameof(filters));
        SlidingWindow.RequireSize("conv2d", kernelSize, nameof(kernelSize));
        SlidingWindow.RequireStrides("conv2d", strides, strides);
        SlidingWindow.RequirePadding("conv2d", padding);
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation ?? Activation.Linear;
        Strides = strides;
        Padding = padding;
        UseBias = useBias;
        _kernelInitializer = kernelInitializer ?? new GlorotUniform();
        _biasInitializer = biasInitializer ?? new Zeros();
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>The window's height and width.</summary>
    public int KernelSize { get; }

    /// <summary>The function applied to the convolution plus bias.</summary>
    public Activation Activation { get; }

    /// <summary>The step between windows.</summary>
    public int Strides { get; }

    /// <summary>How the windows treat the border.</summary>
    public Padding Padding { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>The filters, (kernelSize, kernelSize, input channels, filters), as Keras stores them.</summary>
    public Variable Kernel { get; private set; } = null!;

    /// <summary>The bias, (filters); null when <see cref="UseBias"/> is false.</summary>
    public Variable? Bias { get; private set; }

    /// <inheritdoc />
    public override int OutputSize => ShapeMath.ElementCount(_outputShape);

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => _outputShape;

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs)
    {
        if (Bias != null && Activation.Fusible == FusibleActivation.Relu)
            return Conv2DBiasReluOp.Apply(inputs, Kernel, Bias, Strides, Strides, Padding);
        var convolved = Conv2DOp.Apply(inputs, Kernel, Strides, Strides, Padding);
        if (Bias == null) return Activation.Apply(convolved);
        return Activation.Fusible is { } fusible ? BiasActivationOp.Apply(convolved, Bias, fusible) : Activation.Apply(convolved + Bias);
    }

    /// <summary>This layer and <paramref name="next"/> as one op (<see cref="Conv2DBiasReluMaxPoolOp"/>) when they are a
    /// convolution with bias and ReLU and a <see cref="MaxPooling2D"/> whose windows sit side by side, and the kernels fit;
    /// otherwise null, and the model calls the two layers one after the other. The same numbers either way.</summary>
    internal Tensor? CallPooled(Tensor inputs, Layer next) =>
        Bias != null && Activation.Fusible == FusibleActivation.Relu && next is MaxPooling2D { Padding: Padding.Valid } pool && pool.Strides == pool.PoolSize
            ? Conv2DBiasReluMaxPoolOp.TryApply(inputs, Kernel, Bias, Strides, Padding, pool.PoolSize)
            : null;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input examples are not images (height, width, channels), or the window does
    /// not fit them.</exception>
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        if (inputShape.Count != 3)
            throw new ArgumentException($"layer '{Name}' (Conv2D) takes images (height, width, channels), but its input examples are {ShapeMath.Format([.. inputShape])}");
        int channels = inputShape[2];
        int[] kernelShape = [KernelSize, KernelSize, channels, Filters];
        var output = Conv2DOp.OutputShape([1, .. inputShape], kernelShape, Strides, Strides, Padding);
        if (output[1] < 1 || output[2] < 1)
            throw new ArgumentException($"layer '{Name}' (Conv2D): a {KernelSize}×{KernelSize} window does not fit input examples {ShapeMath.Format([.. inputShape])} with valid padding");
        _outputShape = output[1..];
        int receptiveField = KernelSize * KernelSize;
        Kernel = AddVariable("kernel", _kernelInitializer.Create(kernelShape, receptiveField * channels, receptiveField * Filters, random, dtype));
        if (UseBias) Bias = AddVariable("bias", _biasInitializer.Create([Filters], receptiveField * channels, receptiveField * Filters, random, dtype));
    }
}
