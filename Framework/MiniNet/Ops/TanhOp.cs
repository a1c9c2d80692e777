using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Hyperbolic tangent y = tanh x; dx += dy · (1 - y²).</summary>
public sealed class TanhOp : UnaryOp
{
    private TanhOp(Tensor x) : base("tanh", x) { }

    /// <summary>Applies the op to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x) => new TanhOp(x).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        TensorPrimitives.Tanh(x, y);
        // The vectorised tanh is accurate to about 1.5e-7 absolute, which near 0 is a large relative error (float32 tanh(0)
        // comes out as -6e-8, tanh(1e-6) as 9.5e-7); there the scalar T.Tanh, accurate to an ulp, is used instead.
        T small = T.CreateChecked(0.0625);
        for (int i = 0; i < y.Length; i++)
            if (T.Abs(x[i]) < small) y[i] = T.Tanh(x[i]);
    }

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < dx.Length; i++) dx[i] += dy[i] * (T.One - y[i] * y[i]);
    }
}
