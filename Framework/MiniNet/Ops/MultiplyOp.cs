using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>y = a ⊙ b (element-wise, broadcasting); da += dy ⊙ b, db += dy ⊙ a, each summed back to its operand's shape.</summary>
public sealed class MultiplyOp : BinaryOp
{
    private MultiplyOp(Tensor a, Tensor b) : base("multiply", a, b) { }

    /// <summary>Applies the op to <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static Tensor Apply(Tensor a, Tensor b) => new MultiplyOp(a, b).Run();

    /// <inheritdoc />
    protected override RowKernel<T> RowKernel<T>() => static (a, b, y) => TensorPrimitives.Multiply(a, b, y);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        using var product = new PooledBuffer<T>(outputGradient.Length);
        Broadcast(outputGradient, Output, B.AsSpan<T>(), B, product.Span, RowKernel<T>());
        AddReduced<T>(product.Span, Output, A, gradients);
        Broadcast(outputGradient, Output, A.AsSpan<T>(), A, product.Span, RowKernel<T>());
        AddReduced<T>(product.Span, Output, B, gradients);
    }
}
