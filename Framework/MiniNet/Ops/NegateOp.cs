using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>y = -x; dx += -dy.</summary>
public sealed class NegateOp : UnaryOp
{
    private NegateOp(Tensor x) : base("negate", x) { }

    /// <summary>Applies the op to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x) => new NegateOp(x).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Negate(x, y);

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        TensorPrimitives.Subtract(dx, dy, dx);
    }
}
