using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>
/// Scaled dot-product attention head by head: softmax(scale·q·kᵀ)·v, each head's scores, weights and their gradients made
/// and used while they are in the core's cache, instead of passing whole (batch, heads, T, T) tensors between three ops
/// through memory. Each head goes through the same softmax rows as those ops and the same products, by the GEMM with the
/// same triangles or, in float32 on AVX-512, by <see cref="AttentionTiles"/>, which add the same terms in the same order, so
/// the numbers are theirs to the bit; heads are shared out across threads in bands of whole heads.
/// </summary>
internal static unsafe class AttentionKernels
{
    /// <summary>Below this many multiply-adds in all, the heads run on the calling thread.</summary>
    private const long ParallelThreshold = 1L << 16;

    /// <summary>The shape of one call: <see cref="Heads"/> heads (batch × heads) of <see cref="Queries"/> queries and
    /// <see cref="Keys"/> keys, each a vector of <see cref="Width"/>.</summary>
    internal readonly record struct Shape(int Heads, int Queries, int Keys, int Width, double Scale, bool Causal)
    {
        /// <summary>The triangle the causal mask leaves out of a product, or none.</summary>
        public MatMulTriangle Triangle(MatMulTriangle causal) => Causal ? causal : MatMulTriangle.None;
    }

    /// <summary>For each head: weights = softmax(scale·q·kᵀ) (masked when causal), output = weights·v.</summary>
    public static void Forward<T>(T* q, T* k, T* v, T* weights, T* output, in Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pass = new Pass<T> { Q = q, K = k, V = v, Weights = weights, Output = output, Shape = shape };
        Run(ref pass, &ForwardHeads<T>);
    }

    /// <summary>For each head, from dOutput: dv = weightsᵀ·dOutput, dScores = the softmax's backward of dWeights =
    /// dOutput·vᵀ (in <paramref name="scratch"/>, a weights-sized buffer), dq = dScores·k, dk = dScoresᵀ·q, each written.</summary>
    public static void Backward<T>(T* q, T* k, T* v, T* weights, T* outputGradient, T* scratch, T* dq, T* dk, T* dv, in Shape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pass = new Pass<T> { Q = q, K = k, V = v, Weights = weights, Output = outputGradient, Scratch = scratch, Dq = dq, Dk = dk, Dv = dv, Shape = shape };
        Run(ref pass, &BackwardHeads<T>);
    }

    private struct Pass<T> where T : unmanaged
    {
        public T* Q, K, V, Weights, Output, Scratch, Dq, Dk, Dv;
        public Shape Shape;
        public int Parts;
    }

    private static void Run<T>(ref Pass<T> pass, delegate*<void*, int, void> heads) where T : unmanaged
    {
        var s = pass.Shape;
        long work = (long)s.Heads * s.Queries * s.Keys * s.Width;
        pass.Parts = work < ParallelThreshold ? 1 : Math.Max(1, Math.Min(s.Heads, Engine.Threads));
        fixed (Pass<T>* state = &pass) KernelWorkers.Run(pass.Parts, heads, state);
    }

    private static void ForwardHeads<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T> =>
        EachHead<T>(state, part, backward: false);

    private static void BackwardHeads<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T> =>
        EachHead<T>(state, part, backward: true);

    /// <summary>Part <paramref name="part"/>'s band of heads, forward or backward, each asking for the next head's operands
    /// while it computes.</summary>
    private static void EachHead<T>(void* state, int part, bool backward) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var p = ref *(Pass<T>*)state;
        var s = p.Shape;
        int tq = s.Queries, tk = s.Keys, d = s.Width;
        T scale = T.CreateChecked(s.Scale);
        var (first, end) = KernelWorkers.Band(s.Heads, p.Parts, part);
        bool tiles = typeof(T) == typeof(float) && AttentionTiles.Fit(s);
        for (int h = first; h < end; h++)
        {
            nint queries = (nint)h * tq * d, keys = (nint)h * tk * d, scores = (nint)h * tq * tk;
            T* q = p.Q + queries, k = p.K + keys, v = p.V + keys, weights = p.Weights + scores, output = p.Output + queries;
            if (h + 1 < end)
            {
                CacheLines.Prefetch(q + tq * d, tq * d);
                CacheLines.Prefetch(k + tk * d, tk * d);
                CacheLines.Prefetch(v + tk * d, tk * d);
                if (backward) CacheLines.Prefetch(weights + tq * tk, tq * tk);
                if (backward) CacheLines.Prefetch(output + tq * d, tq * d);
            }
            if (!backward)
            {
                // matmul_transpose_b, then the softmax in place, then matmul.
                TimesTransposed(q, k, weights, s, tiles);
                MaskedSoftmaxKernels.ForwardRows(weights, weights, 0, tq, tq, tk, scale, s.Causal);
                Times(weights, v, output, s, tiles);
                continue;
            }
            // matmul's backward (output holds dOutput): dWeights = dOutput·vᵀ, dv = weightsᵀ·dOutput; the softmax's backward,
            // dWeights into dScores in place; then matmul_transpose_b's: dq = dScores·k, dk = dScoresᵀ·q.
            T* gradient = p.Scratch + scores;
            TimesTransposed(output, v, gradient, s, tiles);
            TransposedTimes(weights, output, p.Dv + keys, s, tiles);
            MaskedSoftmaxKernels.BackwardRows(weights, gradient, gradient, 0, tq, tq, tk, scale, s.Causal, overwrite: true);
            Times(gradient, k, p.Dq + queries, s, tiles);
            TransposedTimes(gradient, q, p.Dk + keys, s, tiles);
        }
    }

    // A head's three kinds of product: in registers (AttentionTiles) when float32 fits them, else the GEMM with the triangle
    // the causal mask leaves, as the batched matmul op computes each matrix of its stack. Both give the same bits.

    /// <summary>result (queries × keys) = x·yᵀ, x and y (· × width): the scores, and dWeights = dOutput·vᵀ.</summary>
    private static void TimesTransposed<T>(T* x, T* y, T* result, in Shape s, bool tiles) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tiles) AttentionTiles.TimesTransposed((float*)x, (float*)y, (float*)result, GemmScratch.PackedB(s.Width * s.Keys), s);
        else Product(x, y, result, s.Queries, s.Width, s.Keys, transposeA: false, transposeB: true, s.Triangle(MatMulTriangle.LowerResult));
    }

    /// <summary>result (queries × width) = w·z, w (queries × keys), z (keys × width): the output, and dq = dScores·k.</summary>
    private static void Times<T>(T* w, T* z, T* result, in Shape s, bool tiles) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tiles) AttentionTiles.Times((float*)w, (float*)z, (float*)result, s);
        else Product(w, z, result, s.Queries, s.Keys, s.Width, transposeA: false, transposeB: false, s.Triangle(MatMulTriangle.LowerA));
    }

    /// <summary>result (keys × width) = wᵀ·z, w (queries × keys), z (queries × width): dv = weightsᵀ·dOutput, dk = dScoresᵀ·q.</summary>
    private static void TransposedTimes<T>(T* w, T* z, T* result, in Shape s, bool tiles) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tiles) AttentionTiles.TransposedTimes((float*)w, (float*)z, (float*)result, s);
        else Product(w, z, result, s.Keys, s.Queries, s.Width, transposeA: true, transposeB: false, s.Triangle(MatMulTriangle.UpperA));
    }

    /// <summary>One head's product, as the batched matmul op computes each matrix of its stack.</summary>
    private static void Product<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, MatMulTriangle triangle)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MatMulKernels.MultiplyOnOneThread(new ReadOnlySpan<T>(a, m * k), new ReadOnlySpan<T>(b, k * n), new Span<T>(c, m * n), m, k, n,
            transposeA, transposeB, accumulate: false, triangle);
}
