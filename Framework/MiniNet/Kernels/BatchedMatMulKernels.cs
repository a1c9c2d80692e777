using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>
/// A stack of independent row-major products C[i] = op(A[i]) · op(B[i]) for i in [0, batch) (attention's q·kᵀ and
/// weights·v over (batch, heads)), each through the same GEMM as <see cref="MatMulKernels.Multiply{T}"/>. The matrices are
/// shared out across threads in contiguous bands of whole products, so each is summed by one kernel in one order and the
/// result is bit-identical whatever the thread count. Band p is the band the attention softmax between the two products
/// gives thread p (its rows in order), so each thread finds the scores it reads in its own core's cache.
/// </summary>
public static unsafe class BatchedMatMulKernels
{
    /// <summary>Below this many multiply-adds in all, the stack runs on the calling thread.</summary>
    private const long ParallelThreshold = 1L << 16;

    /// <summary>C[i] = op(A[i])·op(B[i]) (or += with <paramref name="accumulate"/>) for each of <paramref name="batch"/>
    /// products; A[i] starts at i·m·k, B[i] at i·k·n, C[i] at i·m·n.</summary>
    /// <param name="a">The A matrices, each stored m×k, or k×m when <paramref name="transposeA"/>.</param>
    /// <param name="b">The B matrices, each stored k×n, or n×k when <paramref name="transposeB"/>.</param>
    /// <param name="c">The C matrices, each m×n.</param>
    /// <param name="batch">How many products.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="k">The summed dimension.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="transposeA">Read each A as stored k×m and use its transpose.</param>
    /// <param name="transposeB">Read each B as stored n×k and use its transpose.</param>
    /// <param name="accumulate">Add into C instead of overwriting it.</param>
    /// <param name="triangle">A triangle of each square op(A[i]) or C[i] to leave out (see <see cref="MatMulTriangle"/>).</param>
    /// <exception cref="ArgumentException">A span is shorter than its stack of matrices, or the triangle's matrices are not square.</exception>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int batch, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false, MatMulTriangle triangle = MatMulTriangle.None)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        long aLength = (long)m * k, bLength = (long)k * n, cLength = (long)m * n;
        RequireLength(a.Length, batch * aLength, nameof(a));
        RequireLength(b.Length, batch * bLength, nameof(b));
        RequireLength(c.Length, batch * cLength, nameof(c));
        var shape = new Shape(batch, m, k, n, transposeA, transposeB, accumulate, triangle);
        if (batch == 1)
        {
            // One product: the GEMM shares it out across threads itself.
            MatMulKernels.Multiply(a[..(int)aLength], b[..(int)bLength], c[..(int)cLength], m, k, n, transposeA, transposeB, accumulate, triangle);
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (batch * aLength * n < ParallelThreshold || Engine.Threads == 1)
            {
                var alone = new Pass<T>(pa, pb, pc, shape, parts: 1);
                Part<T>(&alone, 0);
                return;
            }
            var pass = new Pass<T>(pa, pb, pc, shape, Math.Min(batch, Engine.Threads));
            KernelWorkers.Run(pass.Parts, &Part<T>, &pass);
        }
    }

    private static void Part<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var pass = ref *(Pass<T>*)state;
        var s = pass.Shape;
        int aLength = s.M * s.K, bLength = s.K * s.N, cLength = s.M * s.N;
        var (start, end) = KernelWorkers.Band(s.Batch, pass.Parts, part);
        for (int i = start; i < end; i++)
        {
            // The next product's matrices, asked for while this one is computed: in a training step attention's small
            // matrices (a 64×64 one is 16 KB) are out of cache, and a product alone would read them at memory latency (48
            // products of 64×64·64×32 from cold memory: about 230 µs, against 137 with warm caches).
            if (i + 1 < end)
            {
                CacheLines.Prefetch(pass.A + (nint)(i + 1) * aLength, aLength);
                CacheLines.Prefetch(pass.B + (nint)(i + 1) * bLength, bLength);
                CacheLines.Prefetch(pass.C + (nint)(i + 1) * cLength, cLength);
            }
            MatMulKernels.MultiplyOnOneThread(new ReadOnlySpan<T>(pass.A + (nint)i * aLength, aLength),
                new ReadOnlySpan<T>(pass.B + (nint)i * bLength, bLength),
                new Span<T>(pass.C + (nint)i * cLength, cLength), s.M, s.K, s.N, s.TransposeA, s.TransposeB, s.Accumulate, s.Triangle);
        }
    }

    private static void RequireLength(int length, long needed, string name)
    {
        if (length < needed)
            throw new ArgumentException($"batched matmul: {name} has {length} elements, the stack of matrices needs {needed}", name);
    }

    private readonly record struct Shape(int Batch, int M, int K, int N, bool TransposeA, bool TransposeB, bool Accumulate, MatMulTriangle Triangle);

    /// <summary>One call's operands, cut into <see cref="Parts"/> bands of products.</summary>
    private readonly struct Pass<T>(T* a, T* b, T* c, Shape shape, int parts) where T : unmanaged
    {
        public readonly T* A = a, B = b, C = c;
        public readonly Shape Shape = shape;
        public readonly int Parts = parts;
    }
}
