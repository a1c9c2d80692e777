using MiniNet.Kernels;
using MiniNet.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Ops;

/// <summary>
/// A dense layer's tail in one op: y = f(x + b), with b a vector as long as x's last dimension and f a
/// <see cref="FusibleActivation"/>. Backward: dz = dy · f'(z), read off y; dx += dz; db += dz summed over the rows. The numbers
/// are exactly those of an add op followed by the activation's own op, with one op, one tensor and one pass fewer.
/// </summary>
public sealed class BiasActivationOp : Op
{
    private readonly FusibleActivation _activation;

    private BiasActivationOp(Tensor x, Tensor bias, FusibleActivation activation) : base(NameOf(activation), x, bias)
    {
        _activation = activation;
        if (x.Rank < 1 || bias.Rank != 1 || bias.Shape[0] != x.Shape[^1])
            throw new ArgumentException($"{Name}: {ShapeMath.Format(x.ShapeArray)} + {ShapeMath.Format(bias.ShapeArray)}: the bias must be a vector as long as the last dimension of x");
    }

    /// <summary>f(<paramref name="x"/> + <paramref name="bias"/>), the bias added to every row.</summary>
    public static Tensor Apply(Tensor x, Tensor bias, FusibleActivation activation) =>
        new BiasActivationOp(x, bias, activation).Run(x.ShapeArray);

    /// <summary>The op's name for an activation: "bias_add_relu", "bias_add_sigmoid" or "bias_add_tanh".</summary>
    public static string NameOf(FusibleActivation activation) => $"bias_add_{activation.ToString().ToLowerInvariant()}";

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var z = Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: false);
        BroadcastKernels.Binary(Inputs[0].AsSpan<T>(), Inputs[0].ShapeArray, Inputs[1].AsSpan<T>(), Inputs[1].ShapeArray,
            z.AsSpan<T>(), Output.ShapeArray, static (a, b, sum) => TensorPrimitives.Add(a, b, sum));
        var y = Output.AsSpan<T>();
        switch (_activation)
        {
            case FusibleActivation.Relu: ActivationKernels.Relu<T>(z.AsSpan<T>(), y); break;
            case FusibleActivation.Sigmoid: ActivationKernels.Sigmoid<T>(z.AsSpan<T>(), y); break;
            default: ActivationKernels.Tanh<T>(z.AsSpan<T>(), y); break;
        }
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        // dz = dy · f'(z). When nothing has reached x's gradient yet (the usual case: x is the matmul just before), dz is
        // built in that buffer itself; otherwise in a temporary, then added.
        bool wantsDx = gradients.TryGetGradient<T>(Inputs[0], out var dx, out bool overwrite);
        bool inPlace = wantsDx && overwrite && !ReferenceEquals(Inputs[0], Inputs[1]);
        var dz = inPlace ? dx : Tensor.Temporary(Output.ShapeArray, Output.DType, zeroed: false).AsSpan<T>();
        dz.Clear();
        ReadOnlySpan<T> y = Output.AsSpan<T>();
        switch (_activation)
        {
            case FusibleActivation.Relu: ActivationKernels.ReluAddGradient(y, outputGradient, dz); break;
            case FusibleActivation.Sigmoid: ActivationKernels.SigmoidAddGradient(y, outputGradient, dz); break;
            default: ActivationKernels.TanhAddGradient(y, outputGradient, dz); break;
        }
        if (wantsDx && !inPlace)
        {
            if (overwrite) dz.CopyTo(dx);
            else TensorPrimitives.Add(dx, dz, dx);
        }
        if (gradients.TryGetGradient<T>(Inputs[1], out var db))
            BroadcastKernels.SumToShapeAdd<T>(dz, Output.ShapeArray, db, Inputs[1].ShapeArray);
    }
}
