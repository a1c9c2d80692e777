using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Natural logarithm y = ln x; dx += dy / x.</summary>
public sealed class LogOp : UnaryOp
{
    private LogOp(Tensor x) : base("log", x) { }

    /// <summary>Applies the op to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x) => new LogOp(x).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Log(x, y);

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < dx.Length; i++) dx[i] += dy[i] / x[i];
    }
}
