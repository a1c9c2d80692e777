using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>Gaussian error linear unit y = x·Φ(x), exact ("gelu") or tanh-approximate ("gelu_tanh"); dx += dy · GELU'(x)
/// (see <see cref="GeluKernels"/>).</summary>
public sealed class GeluOp : UnaryOp
{
    private readonly bool _approximate;

    private GeluOp(Tensor x, bool approximate) : base(approximate ? "gelu_tanh" : "gelu", x) => _approximate = approximate;

    /// <summary>Applies the op to <paramref name="x"/>; <paramref name="approximate"/> selects the tanh form.</summary>
    public static Tensor Apply(Tensor x, bool approximate = false) => new GeluOp(x, approximate).Run();

    /// <inheritdoc />
    protected override void Compute<T>(ReadOnlySpan<T> x, Span<T> y) => GeluKernels.Forward(x, y, _approximate);

    /// <inheritdoc />
    protected override void AddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
        GeluKernels.AddGradient(x, dy, dx, _approximate);
}
