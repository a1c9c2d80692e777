using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Hyperbolic tangent y = tanh x; dx += dy · (1 - y²).</summary>
public sealed class TanhOp : UnaryOp
{
    private TanhOp(Tensor x) : base("tanh", x) { }

    /// <summary>Applies the op to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x) => new TanhOp(x).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y) => ActivationKernels.Tanh(x, y);

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
        ActivationKernels.TanhAddGradient(y, dy, dx);
}
