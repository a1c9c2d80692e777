using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Logistic sigmoid y = 1 / (1 + e⁻ˣ); dx += dy · y(1 - y).</summary>
public sealed class SigmoidOp : UnaryOp
{
    private SigmoidOp(Tensor x) : base("sigmoid", x) { }

    /// <summary>Applies the op to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x) => new SigmoidOp(x).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        if (!x.IsEmpty) TensorPrimitives.Sigmoid(x, y); // TensorPrimitives.Sigmoid rejects an empty span
    }

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < dx.Length; i++) dx[i] += dy[i] * y[i] * (T.One - y[i]);
    }
}
