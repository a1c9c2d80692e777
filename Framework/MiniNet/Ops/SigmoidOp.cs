using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Logistic sigmoid y = 1 / (1 + e⁻ˣ); dx += dy · y(1 - y).</summary>
public sealed class SigmoidOp : UnaryOp
{
    private SigmoidOp(Tensor x) : base("sigmoid", x) { }

    /// <summary>Applies the op to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x) => new SigmoidOp(x).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y) => ActivationKernels.Sigmoid(x, y);

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
        ActivationKernels.SigmoidAddGradient(y, dy, dx);
}
