using System.Numerics;
using System.Runtime.InteropServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// Row-major matrix multiply C (m×n) = op(A) · op(B), where op(A) is m×k and op(B) is k×n, and op is either the matrix as stored
/// or its transpose read in place (backprop needs A·B, Aᵀ·B and A·Bᵀ without materialising a transpose).
/// </summary>
/// <remarks>
/// float32 runs the blocked, packed, register-tiled multiply (<see cref="GemmBlocking{TKernel}"/>) with the widest micro-kernel
/// this CPU supports, on up to <see cref="Engine.Threads"/> threads. Threads share out blocks of C; the summed dimension is
/// cut only by the shape (a short, deep product is summed as two half-depth products), never by the thread count, so the
/// result is bit-identical whatever the thread count. Other types (float64 for gradient checks) take a plain vectorised loop.
/// </remarks>
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
    /// <param name="triangle">A triangle of a square op(A) or C to leave out (causal attention's).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix, or the triangle's matrix is not square.</exception>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false, MatMulTriangle triangle = MatMulTriangle.None)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyOnThreads(a, b, c, m, k, n, transposeA, transposeB, accumulate, Engine.Threads, triangle);

    /// <summary>As <see cref="Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool, bool, bool, MatMulTriangle)"/> on the
    /// calling thread alone, for a kernel that already shares its own work out across threads (one multiply per part).</summary>
    internal static void MultiplyOnOneThread<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false, MatMulTriangle triangle = MatMulTriangle.None)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyOnThreads(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads: 1, triangle);

    private static void MultiplyOnThreads<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate, int threads, MatMulTriangle triangle)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (triangle is MatMulTriangle.LowerA or MatMulTriangle.UpperA && k != m)
            throw new ArgumentException($"matmul: a triangle of op(A) needs it square, not {m}×{k}", nameof(triangle));
        if (triangle == MatMulTriangle.LowerResult && n != m)
            throw new ArgumentException($"matmul: a lower-triangular result needs it square, not {m}×{n}", nameof(triangle));
        RequireLength(a.Length, transposeA ? k : m, transposeA ? m : k, nameof(a));
        RequireLength(b.Length, transposeB ? n : k, transposeB ? k : n, nameof(b));
        RequireLength(c.Length, m, n, nameof(c));
        if (typeof(T) == typeof(float))
        {
            var fa = MemoryMarshal.Cast<T, float>(a);
            var fb = MemoryMarshal.Cast<T, float>(b);
            var fc = MemoryMarshal.Cast<T, float>(c);
            // The IsSupported checks are JIT-time constants, so only the chosen kernel's driver is compiled.
            if (n <= Avx512NarrowMicroKernel.Columns && Avx512NarrowMicroKernel.IsSupported)
                MultiplyFloat32<Avx512NarrowMicroKernel>(fa, fb, fc, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
            else if (Avx512MicroKernel.IsSupported)
                MultiplyFloat32<Avx512MicroKernel>(fa, fb, fc, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
            else if (Fma256MicroKernel.IsSupported)
                MultiplyFloat32<Fma256MicroKernel>(fa, fb, fc, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
            else if (PortableMicroKernel.IsSupported)
                MultiplyFloat32<PortableMicroKernel>(fa, fb, fc, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
            else
                MultiplyFloat32<ScalarMicroKernel>(fa, fb, fc, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
        }
        else MultiplySimple(a, b, c, m, k, n, transposeA, transposeB, accumulate, triangle);
    }

    /// <summary>The float32 multiply with a given micro-kernel on up to <paramref name="threads"/> threads (arguments already
    /// validated). <see cref="Multiply{T}"/> picks the kernel; tests call each one directly.</summary>
    internal static unsafe void MultiplyFloat32<TKernel>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate, int threads, MatMulTriangle triangle = MatMulTriangle.None)
        where TKernel : struct, IGemmMicroKernel
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }
        fixed (float* pa = a, pb = b, pc = c)
            GemmBlocking<TKernel>.Multiply(pa, pb, pc, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
    }

    private static void RequireLength(int length, int rows, int columns, string name)
    {
        if (length < (long)rows * columns)
            throw new ArgumentException(
                $"matmul: {name} has {length} elements, a {rows}×{columns} matrix needs {(long)rows * columns}", name);
    }

    /// <summary>The unblocked multiply for types other than float32: clear, then vectorised axpy or dot products, each row
    /// over the depths and columns <paramref name="triangle"/> keeps.</summary>
    private static void MultiplySimple<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate, MatMulTriangle triangle)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!accumulate) c[..(m * n)].Clear();
        if (m == 0 || n == 0 || k == 0) return;
        if (!transposeB)
        {
            // Each output row is a sum of rows of B scaled by one row of op(A): a vectorised axpy per (i, p).
            for (int i = 0; i < m; i++)
            {
                var (from, to, columns) = Kept(triangle, i, k, n);
                var row = c.Slice(i * n, columns);
                for (int p = from; p < to; p++)
                {
                    T scale = transposeA ? a[p * m + i] : a[i * k + p];
                    TensorPrimitives.MultiplyAdd(b.Slice(p * n, columns), scale, row, row); // no skip on 0: 0·∞ must give NaN
                }
            }
            return;
        }
        // op(B) = Bᵀ: each output element is a dot product of a row of op(A) with a stored row of B.
        var column = transposeA ? new T[k] : null;
        for (int i = 0; i < m; i++)
        {
            var (from, to, columns) = Kept(triangle, i, k, n);
            ReadOnlySpan<T> left;
            if (column == null) left = a.Slice(i * k + from, to - from);
            else
            {
                for (int p = from; p < to; p++) column[p - from] = a[p * m + i];
                left = column.AsSpan(0, to - from);
            }
            for (int j = 0; j < columns; j++) c[i * n + j] += TensorPrimitives.Dot(left, b.Slice(j * k + from, to - from));
        }
    }

    /// <summary>Row <paramref name="i"/>'s depths [from, to) and leading columns that <paramref name="triangle"/> keeps.</summary>
    private static (int From, int To, int Columns) Kept(MatMulTriangle triangle, int i, int k, int n) => triangle switch
    {
        MatMulTriangle.LowerA => (0, i + 1, n),
        MatMulTriangle.UpperA => (i, k, n),
        MatMulTriangle.LowerResult => (0, k, i + 1),
        _ => (0, k, n),
    };
}
