using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>y = eˣ; dx += dy · y.</summary>
public sealed class ExpOp : UnaryOp
{
    private ExpOp(Tensor x) : base("exp", x) { }

    /// <summary>Applies the op to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x) => new ExpOp(x).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Exp(x, y);

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        TensorPrimitives.MultiplyAdd(dy, y, dx, dx);
    }
}
