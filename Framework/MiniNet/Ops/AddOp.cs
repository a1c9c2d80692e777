using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>y = a + b (broadcasting); da += dy, db += dy, each summed back to its operand's shape.</summary>
public sealed class AddOp : BinaryOp
{
    private AddOp(Tensor a, Tensor b) : base("add", a, b) { }

    /// <summary>Applies the op to <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static Tensor Apply(Tensor a, Tensor b) => new AddOp(a, b).Run();

    /// <inheritdoc />
    protected override RowKernel<T> RowKernel<T>() => static (a, b, y) => TensorPrimitives.Add(a, b, y);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        AddReduced(outputGradient, Output, A, gradients);
        AddReduced(outputGradient, Output, B, gradients);
    }
}
