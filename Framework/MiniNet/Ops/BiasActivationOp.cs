using MiniNet.Kernels;
using MiniNet.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Ops;

/// <summary>
/// A dense layer's tail in one op: y = f(x + b), with b a vector as long as x's last dimension and f a
/// <see cref="FusibleActivation"/>. Backward: dz = dy · f'(z), read off y (off z, kept, for GELU); dx += dz; db += dz summed over the rows. The numbers
/// are exactly those of an add op followed by the activation's own op, with one op, one tensor and one pass fewer.
/// </summary>
public sealed class BiasActivationOp : Op
{
    private readonly FusibleActivation _activation;
    private Tensor _z = null!;

    private BiasActivationOp(Tensor x, Tensor bias, FusibleActivation activation) : base(NameOf(activation), x, bias)
    {
        _activation = activation;
        if (x.Rank < 1 || bias.Rank != 1 || bias.Shape[0] != x.Shape[^1])
            throw new ArgumentException($"{Name}: {ShapeMath.Format(x.ShapeArray)} + {ShapeMath.Format(bias.ShapeArray)}: the bias must be a vector as long as the last dimension of x");
    }

    /// <summary>f(<paramref name="x"/> + <paramref name="bias"/>), the bias added to every row.</summary>
    public static Tensor Apply(Tensor x, Tensor bias, FusibleActivation activation) =>
        new BiasActivationOp(x, bias, activation).Run(x.ShapeArray);

    /// <summary>The op's name for an activation: "bias_add_relu", "bias_add_sigmoid", "bias_add_tanh", "bias_add_gelu" or
    /// "bias_add_gelu_tanh".</summary>
    public static string NameOf(FusibleActivation activation) =>
        activation == FusibleActivation.GeluTanh ? "bias_add_gelu_tanh" : $"bias_add_{activation.ToString().ToLowerInvariant()}";

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var z = _z = Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: false);
        BroadcastKernels.Binary(Inputs[0].AsSpan<T>(), Inputs[0].ShapeArray, Inputs[1].AsSpan<T>(), Inputs[1].ShapeArray,
            z.AsSpan<T>(), Output.ShapeArray, static (a, b, sum) => TensorPrimitives.Add(a, b, sum));
        var y = Output.AsSpan<T>();
        switch (_activation)
        {
            case FusibleActivation.Relu: ActivationKernels.Relu<T>(z.AsSpan<T>(), y); break;
            case FusibleActivation.Sigmoid: ActivationKernels.Sigmoid<T>(z.AsSpan<T>(), y); break;
            case FusibleActivation.Gelu or FusibleActivation.GeluTanh:
                GeluKernels.Forward<T>(z.AsSpan<T>(), y, approximate: _activation == FusibleActivation.GeluTanh); break;
            default: ActivationKernels.Tanh<T>(z.AsSpan<T>(), y); break;
        }
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        // dz = dy · f'(z), once: it is both x's contribution and, summed over the rows, the bias's.
        var dz = Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: true);
        ReadOnlySpan<T> y = Output.AsSpan<T>();
        switch (_activation)
        {
            case FusibleActivation.Relu: ActivationKernels.ReluAddGradient(y, outputGradient, dz.AsSpan<T>()); break;
            case FusibleActivation.Sigmoid: ActivationKernels.SigmoidAddGradient(y, outputGradient, dz.AsSpan<T>()); break;
            case FusibleActivation.Gelu or FusibleActivation.GeluTanh:
                GeluKernels.AddGradient<T>(_z.AsSpan<T>(), outputGradient, dz.AsSpan<T>(), approximate: _activation == FusibleActivation.GeluTanh); break;
            default: ActivationKernels.TanhAddGradient(y, outputGradient, dz.AsSpan<T>()); break;
        }
        if (gradients.TryGetGradient<T>(Inputs[1], out var db))
            BroadcastKernels.SumToShapeAdd<T>(dz.AsSpan<T>(), Output.ShapeArray, db, Inputs[1].ShapeArray);
        gradients.Add(Inputs[0], dz);
    }
}
