using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>y = a / b (element-wise, broadcasting); da += dy / b, db += -dy ⊙ y / b, each summed back to its operand's shape.</summary>
public sealed class DivideOp : BinaryOp
{
    private DivideOp(Tensor a, Tensor b) : base("divide", a, b) { }

    /// <summary>Applies the op to <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static Tensor Apply(Tensor a, Tensor b) => new DivideOp(a, b).Run();

    /// <inheritdoc />
    protected override RowKernel<T> RowKernel<T>() => static (a, b, y) => TensorPrimitives.Divide(a, b, y);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        using var quotient = new PooledBuffer<T>(outputGradient.Length);
        Broadcast(outputGradient, Output, B.AsSpan<T>(), B, quotient.Span, RowKernel<T>());
        AddReduced<T>(quotient.Span, Output, A, gradients);
        TensorPrimitives.Multiply(quotient.Span, Output.AsSpan<T>(), quotient.Span);
        TensorPrimitives.Negate(quotient.Span, quotient.Span);
        AddReduced<T>(quotient.Span, Output, B, gradients);
    }
}
