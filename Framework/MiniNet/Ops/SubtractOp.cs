using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>y = a - b (broadcasting); da += dy, db += -dy, each summed back to its operand's shape.</summary>
public sealed class SubtractOp : BinaryOp
{
    private SubtractOp(Tensor a, Tensor b) : base("subtract", a, b) { }

    /// <summary>Applies the op to <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static Tensor Apply(Tensor a, Tensor b) => new SubtractOp(a, b).Run();

    /// <inheritdoc />
    protected override RowKernel<T> RowKernel<T>() => static (a, b, y) => TensorPrimitives.Subtract(a, b, y);

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        AddReduced(outputGradient, Output, A, gradients);
        using var negated = new PooledBuffer<T>(outputGradient.Length);
        TensorPrimitives.Negate(outputGradient, negated.Span);
        AddReduced<T>(negated.Span, Output, B, gradients);
    }
}
