using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniNet.Kernels;

/// <summary>
/// One attention head's six products (q·kᵀ and P·v forward; dY·vᵀ, Pᵀ·dY, dS·k and dSᵀ·q backward), float32, in 512-bit
/// registers straight from the head's matrices: tiles of 4 rows by up to 64 columns, each output element one chain of
/// fused multiply-adds from zero in the order of the sum, as the GEMM's micro-kernel makes it. The causal mask's skipped
/// terms are exact zeros in the GEMM too, so the results are the GEMM path's to the bit; what goes is its packing (copies,
/// transposes, masked triangles) and its per-call planning, which for a 64×64 head cost as much as the multiply-adds.
/// Only kᵀ and vᵀ are written out (one transpose each, so the scores' rows come from whole vectors).
/// </summary>
internal static unsafe class AttentionTiles
{
    private const int Lanes = 16, TileRows = 4, TileVectors = 4;

    /// <summary>Whether this machine and shape take the tiles: AVX-512, and widths and key counts in whole vectors.</summary>
    public static bool Fit(in AttentionKernels.Shape shape) =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && shape.Width % Lanes == 0 && shape.Keys % Lanes == 0;

    /// <summary>scores = x·yᵀ for x (queries × width) and y (keys × width), each row's entries up to the last key a row of its
    /// tile sees (the rest of the row is left for the softmax, which reads only what a query sees); <paramref name="transposed"/>
    /// is scratch for yᵀ.</summary>
    public static void TimesTransposed(float* x, float* y, float* scores, float* transposed, in AttentionKernels.Shape s)
    {
        GemmPacking.TransposeRows(y, s.Width, 1, s.Keys, s.Width, s.Keys, transposed);
        for (int i = 0; i < s.Queries; i += TileRows)
        {
            int rows = Math.Min(TileRows, s.Queries - i), seen = Seen(i + rows, s);
            for (int j = 0; j < seen; j += TileVectors * Lanes)
                Tile(Math.Min(TileVectors, (seen - j + Lanes - 1) / Lanes), rows, x + i * s.Width, s.Width, 1, transposed + j, s.Keys,
                    0, s.Width, scores + i * s.Keys + j, s.Keys);
        }
    }

    /// <summary>output = weights·z for weights (queries × keys, zero where masked) and z (keys × width), each tile's sum
    /// stopping after the last key its rows see.</summary>
    public static void Times(float* weights, float* z, float* output, in AttentionKernels.Shape s)
    {
        for (int i = 0; i < s.Queries; i += TileRows)
        {
            int rows = Math.Min(TileRows, s.Queries - i);
            for (int c = 0; c < s.Width; c += TileVectors * Lanes)
                Tile(Math.Min(TileVectors, (s.Width - c) / Lanes), rows, weights + i * s.Keys, s.Keys, 1, z + c, s.Width,
                    0, Seen(i + rows, s), output + i * s.Width + c, s.Width);
        }
    }

    /// <summary>output = weightsᵀ·z for weights (queries × keys, zero where masked) and z (queries × width), each tile's sum
    /// starting at the first query that sees its keys.</summary>
    public static void TransposedTimes(float* weights, float* z, float* output, in AttentionKernels.Shape s)
    {
        for (int j = 0; j < s.Keys; j += TileRows)
        {
            int rows = Math.Min(TileRows, s.Keys - j);
            for (int c = 0; c < s.Width; c += TileVectors * Lanes)
                Tile(Math.Min(TileVectors, (s.Width - c) / Lanes), rows, weights + j, 1, s.Keys, z + c, s.Width,
                    s.Causal ? j : 0, s.Queries, output + j * s.Width + c, s.Width);
        }
    }

    /// <summary>How many keys the first <paramref name="queries"/> queries see, together.</summary>
    private static int Seen(int queries, in AttentionKernels.Shape s) => s.Causal ? Math.Min(queries, s.Keys) : s.Keys;

    private static void Tile(int vectors, int rows, float* w, nint wRow, nint wStep, float* z, nint zRow, int first, int end, float* output, nint outputRow)
    {
        switch (vectors)
        {
            case 1: Tile<One>(rows, w, wRow, wStep, z, zRow, first, end, output, outputRow); break;
            case 2: Tile<Two>(rows, w, wRow, wStep, z, zRow, first, end, output, outputRow); break;
            case 3: Tile<Three>(rows, w, wRow, wStep, z, zRow, first, end, output, outputRow); break;
            default: Tile<Four>(rows, w, wRow, wStep, z, zRow, first, end, output, outputRow); break;
        }
    }

    /// <summary>output[r, 16c..16c+15] = Σ_t w[r·wRow + t·wStep]·z[t·zRow + 16c..] over t in [first, end), for r &lt; rows
    /// (≤ 4) and c &lt; TVectors.Count (≤ 4): one register per output vector, written over the output. A tile of fewer than
    /// four rows repeats its last row and stores only its own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TVectors>(int rows, float* w, nint wRow, nint wStep, float* z, nint zRow, int first, int end, float* output, nint outputRow)
        where TVectors : struct, IVectorCount
    {
        int n = TVectors.Count;
        nint row1 = Math.Min(1, rows - 1) * wRow, row2 = Math.Min(2, rows - 1) * wRow, row3 = Math.Min(3, rows - 1) * wRow;
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        for (int t = first; t < end; t++)
        {
            float* zt = z + t * zRow, wt = w + t * wStep;
            var z0 = Vector512.Load(zt);
            var z1 = n > 1 ? Vector512.Load(zt + Lanes) : default;
            var z2 = n > 2 ? Vector512.Load(zt + 2 * Lanes) : default;
            var z3 = n > 3 ? Vector512.Load(zt + 3 * Lanes) : default;
            AddRow<TVectors>(wt[0], z0, z1, z2, z3, ref c00, ref c01, ref c02, ref c03);
            AddRow<TVectors>(wt[row1], z0, z1, z2, z3, ref c10, ref c11, ref c12, ref c13);
            AddRow<TVectors>(wt[row2], z0, z1, z2, z3, ref c20, ref c21, ref c22, ref c23);
            AddRow<TVectors>(wt[row3], z0, z1, z2, z3, ref c30, ref c31, ref c32, ref c33);
        }
        Store<TVectors>(output, c00, c01, c02, c03);
        if (rows > 1) Store<TVectors>(output + outputRow, c10, c11, c12, c13);
        if (rows > 2) Store<TVectors>(output + 2 * outputRow, c20, c21, c22, c23);
        if (rows > 3) Store<TVectors>(output + 3 * outputRow, c30, c31, c32, c33);
    }

    /// <summary>One row of the tile: c += w·z, one fused multiply-add per vector of the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow<TVectors>(float w, Vector512<float> z0, Vector512<float> z1, Vector512<float> z2, Vector512<float> z3,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3)
        where TVectors : struct, IVectorCount
    {
        var x = Vector512.Create(w);
        c0 = Avx512F.FusedMultiplyAdd(x, z0, c0);
        if (TVectors.Count > 1) c1 = Avx512F.FusedMultiplyAdd(x, z1, c1);
        if (TVectors.Count > 2) c2 = Avx512F.FusedMultiplyAdd(x, z2, c2);
        if (TVectors.Count > 3) c3 = Avx512F.FusedMultiplyAdd(x, z3, c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TVectors>(float* row, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
        where TVectors : struct, IVectorCount
    {
        v0.Store(row);
        if (TVectors.Count > 1) v1.Store(row + Lanes);
        if (TVectors.Count > 2) v2.Store(row + 2 * Lanes);
        if (TVectors.Count > 3) v3.Store(row + 3 * Lanes);
    }

    // The tile's width in vectors as a type, so the JIT compiles one loop per width with the unused registers gone.
    private interface IVectorCount { static abstract int Count { get; } }
    private readonly struct One : IVectorCount { public static int Count => 1; }
    private readonly struct Two : IVectorCount { public static int Count => 2; }
    private readonly struct Three : IVectorCount { public static int Count => 3; }
    private readonly struct Four : IVectorCount { public static int Count => 4; }
}
