using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

// The constructor and the weights' creation, once before the first step, are in DenseBuild.cs.
/// <summary>
/// A fully connected layer: outputs = activation(inputs · kernel + bias), with kernel (inputSize, units) and bias (units),
/// as Keras's Dense. Defaults follow Keras: Glorot-uniform kernel, zero bias, linear activation. With a bias and a ReLU, sigmoid,
/// tanh or GELU, the bias add and the activation are one op (<see cref="BiasActivationOp"/>, "bias_add_relu" on a tape; <see cref="BiasGeluOp"/>).
/// </summary>
public sealed partial class Dense : Layer
{
    /// <summary>The function applied to the affine output.</summary>
    public Activation Activation { get; }

    /// <summary>The weight matrix, (inputSize, units).</summary>
    public Variable Kernel { get; private set; } = null!;

    /// <summary>The bias vector, (units); null when <see cref="UseBias"/> is false.</summary>
    public Variable? Bias { get; private set; }

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs)
    {
        var affine = inputs.MatMul(Kernel);
        if (Bias == null) return Activation.Apply(affine);
        return Activation.Fusible is { } fusible ? BiasActivationOp.Apply(affine, Bias, fusible) : Activation.ApplyWithBias(affine, Bias);
    }
}
