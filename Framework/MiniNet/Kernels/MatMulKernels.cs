using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Row-major matrix multiply C (m×n) = op(A) · op(B), where op(A) is m×k and op(B) is k×n, and op is either the matrix as stored
/// or its transpose read in place (backprop needs A·B, Aᵀ·B and A·Bᵀ without materialising a transpose).
/// </summary>
public static class MatMulKernels
{
    /// <summary>C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/> is set.</summary>
    /// <param name="a">A stored m×k, or k×m when <paramref name="transposeA"/>.</param>
    /// <param name="b">B stored k×n, or n×k when <paramref name="transposeB"/>.</param>
    /// <param name="c">C, m×n.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B): the summed dimension.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="transposeA">Read A as stored k×m and use its transpose.</param>
    /// <param name="transposeB">Read B as stored n×k and use its transpose.</param>
    /// <param name="accumulate">Add into C instead of overwriting it.</param>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!accumulate) c[..(m * n)].Clear();
        if (m == 0 || n == 0 || k == 0) return;
        if (!transposeB)
        {
            // Each output row is a sum of rows of B scaled by one row of op(A): a vectorised axpy per (i, p).
            for (int i = 0; i < m; i++)
            {
                var row = c.Slice(i * n, n);
                for (int p = 0; p < k; p++)
                {
                    T scale = transposeA ? a[p * m + i] : a[i * k + p];
                    if (scale != T.Zero) TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), scale, row, row);
                }
            }
            return;
        }
        // op(B) = Bᵀ: each output element is a dot product of a row of op(A) with a stored row of B.
        var column = transposeA ? new T[k] : null;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> left;
            if (column == null) left = a.Slice(i * k, k);
            else
            {
                for (int p = 0; p < k; p++) column[p] = a[p * m + i];
                left = column;
            }
            for (int j = 0; j < n; j++) c[i * n + j] += TensorPrimitives.Dot(left, b.Slice(j * k, k));
        }
    }
}
