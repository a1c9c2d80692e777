using MiniNet.Kernels;
using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>
/// Where an op's backward pass adds its inputs' gradient contributions, grad += local · upstream (implemented by the tape).
/// Every member only adds; an input that wants no gradient (neither watched nor computed from something watched) is skipped.
/// Whether a first contribution may be written instead of added to zeros is the sink's business, never the op's.
/// </summary>
public partial interface IGradientSink
{
    /// <summary>The gradient buffer of <paramref name="input"/> to add into (zeros if nothing has reached it yet), or false
    /// when no gradient is wanted for it.</summary>
    bool TryGetGradient<T>(Tensor input, out Span<T> gradient) where T : unmanaged;

    /// <summary>gradient(<paramref name="input"/>) += <paramref name="contribution"/>, a temporary shaped like the input that
    /// the op computed for this alone and no longer uses (the sink may keep it as the gradient itself).</summary>
    void Add(Tensor input, Tensor contribution);

    /// <summary>gradient(<paramref name="input"/>) += op(A)·op(B), an m×n product (see <see cref="MatMulKernels.Multiply{T}"/>).</summary>
    void AddMatMul<T>(Tensor input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int k, int n, bool transposeA = false, bool transposeB = false)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
}
