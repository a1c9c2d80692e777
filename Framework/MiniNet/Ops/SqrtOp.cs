using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>y = √x; dx += dy / (2y).</summary>
public sealed class SqrtOp : UnaryOp
{
    private SqrtOp(Tensor x) : base("sqrt", x) { }

    /// <summary>Applies the op to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x) => new SqrtOp(x).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sqrt(x, y);

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < dx.Length; i++) dx[i] += dy[i] / (y[i] + y[i]);
    }
}
