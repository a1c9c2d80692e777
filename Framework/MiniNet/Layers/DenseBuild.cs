using MiniNet.Initializers;
using MiniNet.Tensors;

namespace MiniNet.Layers;

// A dense layer described, then its kernel and bias created when the model builds it, once before the first step.
public sealed partial class Dense
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

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <inheritdoc />
    public override int OutputSize => Units;

    /// <inheritdoc />
    protected override void CreateVariables(int inputSize, Random random, DType dtype)
    {
        Kernel = AddVariable("kernel", _kernelInitializer.Create([inputSize, Units], inputSize, Units, random, dtype));
        if (UseBias) Bias = AddVariable("bias", _biasInitializer.Create([Units], inputSize, Units, random, dtype));
    }
}
