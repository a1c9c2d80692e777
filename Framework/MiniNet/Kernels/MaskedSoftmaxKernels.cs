using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Attention's softmax, row by row over the last axis of a stack of (queries × keys) score matrices:
/// y = softmax(scale · x) over the keys a query may see, 0 elsewhere. With the causal mask query i sees keys 0..i (a
/// position never attends to a later one), as PyTorch's <c>scaled_dot_product_attention(is_causal=True)</c>; masked
/// entries are never read, so they need not be filled with -∞. Backward: dx = scale · y ⊙ (dy - Σ dy·y).
/// </summary>
public static class MaskedSoftmaxKernels
{
    /// <summary>y = softmax(scale·x) row by row; <paramref name="rows"/> query rows of <paramref name="keys"/> each, the query
    /// index of row r being r mod <paramref name="queries"/>.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int queries, int keys, T scale, bool causal)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            int visible = Visible(r, queries, keys, causal);
            var output = y.Slice(r * keys, keys);
            var seen = output[..visible];
            TensorPrimitives.Multiply(x.Slice(r * keys, visible), scale, seen);
            TensorPrimitives.Subtract(seen, TensorPrimitives.Max<T>(seen), seen);
            TensorPrimitives.Exp<T>(seen, seen);
            TensorPrimitives.Divide(seen, TensorPrimitives.Sum<T>(seen), seen);
            output[visible..].Clear();
        }
    }

    /// <summary>dx += scale · y ⊙ (dy - Σ dy·y), row by row over the visible keys (y is 0 on the others).</summary>
    public static void BackwardAdd<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int queries, int keys, T scale, bool causal)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            int visible = Visible(r, queries, keys, causal);
            var probabilities = y.Slice(r * keys, visible);
            var upstream = dy.Slice(r * keys, visible);
            var gradient = dx.Slice(r * keys, visible);
            T weighted = TensorPrimitives.Dot(upstream, probabilities);
            for (int j = 0; j < visible; j++) gradient[j] += scale * probabilities[j] * (upstream[j] - weighted);
        }
    }

    private static int Visible(int row, int queries, int keys, bool causal) => causal ? Math.Min(row % queries + 1, keys) : keys;
}
