using MiniNet.Initializers;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// A fully connected layer: outputs = activation(inputs · kernel + bias), with kernel (inputSize, units) and bias (units),
/// as Keras's Dense. Defaults follow Keras: Glorot-uniform kernel, zero bias, linear activation. With a bias and a ReLU, sigmoid
/// or tanh activation, the bias add and the activation are one op (<see cref="BiasActivationOp"/>, "bias_add_relu" on a tape).
/// </summary>
public sealed class Dense : Layer
{
    private readonly Initializer _kernelInitializer;
    private readonly Initializer _biasInitializer;

    /// <summary>Describes the layer; its weights are created when a model builds it.</summary>
    /// <param name="units">Output width; must be positive.</param>
    /// <param name="activation">Applied to the affine output; default linear (logits).</param>
    /// <param name="kernelInitializer">Default <see cref="GlorotUniform"/>; <see cref="HeUniform"/> or <see cref="HeNormal"/> suit ReLU.</param>
    /// <param name="biasInitializer">Default <see cref="Zeros"/>.</param>
    /// <param name="useBias">Whether the layer has a bias.</param>
    public Dense(int units, Activation? activation = null, Initializer? kernelInitializer = null, Initializer? biasInitializer = null, bool useBias = true)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, $"dense: units must be positive, got {units}");
        Units = units;
        Activation = activation ?? Activation.Linear;
        UseBias = useBias;
        _kernelInitializer = kernelInitializer ?? new GlorotUniform();
        _biasInitializer = biasInitializer ?? new Zeros();
    }

    /// <summary>The output width.</summary>
    public int Units { get; }

    /// <summary>The function applied to the affine output.</summary>
    public Activation Activation { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>The weight matrix, (inputSize, units).</summary>
    public Variable Kernel { get; private set; } = null!;

    /// <summary>The bias vector, (units); null when <see cref="UseBias"/> is false.</summary>
    public Variable? Bias { get; private set; }

    /// <inheritdoc />
    public override int OutputSize => InputShape.Count == 2 ? InputShape[0] * Units : Units;

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => InputShape.Count == 2 ? [InputShape[0], Units] : [Units];

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs)
    {
        var affine = inputs.MatMul(Kernel);
        if (Bias == null) return Activation.Apply(affine);
        return Activation.Fusible is { } fusible ? BiasActivationOp.Apply(affine, Bias, fusible) : Activation.Apply(affine + Bias);
    }

    /// <inheritdoc />
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype) =>
        base.CreateVariables(inputShape.Count == 2 ? [inputShape[1]] : inputShape, random, dtype);

    /// <inheritdoc />
    protected override void CreateVariables(int inputSize, Random random, DType dtype)
    {
        Kernel = AddVariable("kernel", _kernelInitializer.Create([inputSize, Units], inputSize, Units, random, dtype));
        if (UseBias) Bias = AddVariable("bias", _biasInitializer.Create([Units], inputSize, Units, random, dtype));
    }
}
