using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Rectified linear unit y = max(x, 0); dx += dy where x &gt; 0 (the derivative at 0 is taken as 0, as PyTorch does).</summary>
public sealed class ReluOp : UnaryOp
{
    private ReluOp(Tensor x) : base("relu", x) { }

    /// <summary>Applies the op to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x) => new ReluOp(x).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y) => ActivationKernels.Relu(x, y);

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
        ActivationKernels.ReluAddGradient(y, dy, dx);
}
