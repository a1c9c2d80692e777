using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// The float32 matrix multiply around a micro-kernel: cache blocking, packing and the split across threads (Goto's algorithm,
/// as in BLIS). For each block of B's columns and each depth block, B is packed once; for each block of A's rows inside it,
/// A is packed once; then every (A panel, B panel) pair is one micro-kernel call.
/// </summary>
internal static unsafe class GemmBlocking<TKernel> where TKernel : struct, IGemmMicroKernel
{
    /// <summary>Largest depth block (KC). Each depth block reads and writes every tile of C once more, and C is the operand
    /// that does not fit in cache, so long blocks win: on Zen 4, 1024³ runs at ~107 GFLOP/s with KC = 1024 against ~100 with
    /// the textbook 256 (whose B panel fits L1). The kernel streams B's panel from L2 at full speed anyway: each 64-byte load
    /// feeds eight multiply-adds.</summary>
    private const int MaxDepthBlock = 1024;

    /// <summary>Rows of A packed at once (MC): MC × KC floats (384 KB at KC = 1024), which stay in the 1 MB L2 while every B
    /// panel sweeps past.</summary>
    private static int RowBlock => TKernel.Rows * (96 / TKernel.Rows);

    /// <summary>Columns of B packed at once (NC): KC × NC floats, sized for L3.</summary>
    private static int ColumnBlock => TKernel.Columns * (2048 / TKernel.Columns);

    /// <summary>An operand whose panel rows are already contiguous in memory (B as stored, Aᵀ as stored) and that holds at
    /// most this many floats (512 KB, half of L2) is read in place instead of packed, like BLIS's path for small problems:
    /// the copy would cost more (about 10% of 64×784·784×128) than the kernel loses reading rows a few hundred bytes apart
    /// from L2. Larger operands are packed: with row strides of kilobytes their panels would thrash L2's sets.</summary>
    private const long InPlaceLimit = 128 * 1024;

    /// <summary>An operand whose panel rows are this many floats apart or fewer (2 KB) is read in place at any size: in the
    /// GPT's weight gradients Xᵀ·dY (dY 768 × 384 or 768 × 512) the copy cost 5–8% of the product (Zen 4, warm:
    /// 128×768·768×512 935 → 891 µs read in place). 1024³'s 4 KB rows stay packed. Aᵀ is read in place only up to half
    /// this stride: its block (96 lanes × the whole depth) is read again for every column panel, and X 768 × 512 (2 KB rows,
    /// 12 of them to each of L2's 8-way sets) comes from L3 in training, where packing it made the GPT's products faster
    /// (BENCHMARKS, 2026-12-05), though warm and alone 512×768ᵀ·768×128 is faster read in place (920 against 978 µs).</summary>
    private const long InPlaceStride = 512;

    /// <summary>B is read in place only by products of at most this many rows. With more, its copy is under a 500th of the
    /// work, and a weight matrix read in place (rows 0.5–2 KB apart) puts a column panel's 128 depth steps on 16 or fewer of
    /// L1's 64 sets, so the kernel reads B from L2: packed, the GPT's forward products (768 rows) ran faster in training
    /// (BENCHMARKS, 2026-12-05) and warm (768×128·128×512: 926 → 903 µs, Zen 4). The MLP's batches and the weight
    /// gradients (128 or 512 rows) still read it in place.</summary>
    private const int InPlaceBRows = 512;

    /// <summary>Whether an operand of <paramref name="elements"/> floats whose panel rows are <paramref name="rowStride"/>
    /// floats apart is read in place (see <see cref="InPlaceLimit"/> and <see cref="InPlaceStride"/>).</summary>
    private static bool InPlace(long elements, long rowStride, long inPlaceStride = InPlaceStride) => elements <= InPlaceLimit || rowStride <= inPlaceStride;

    /// <summary>Below this many multiply-adds (about 1.3 µs of one core's work at its peak) a call runs on one thread. On two
    /// Zen 4 cores sharing an L3 two threads already won from 2¹⁶ (16×64×64: 2.1 µs on one, 1.9 on two; 64×128×128: 22 µs,
    /// 14), but where the cores are a chiplet apart (a cache line's round trip 430–500 ns, Zen 5) the MLP's 64×128·128×10
    /// products (2¹⁶·1.25) ran slower on two threads than on one, their operands and result crossing between the cores:
    /// from 2¹⁸ the MLP's two-thread epoch took 0.0213 s against 0.0238 (medians of 5 interleaved runs, 2026-12-05).</summary>
    private const long ParallelThreshold = 1L << 18;

    /// <summary>At most this many multiply-adds, with a depth of one block, a call skips blocking and packing
    /// (<see cref="GemmDirect{TKernel}"/>) when the code is interpreted (WebAssembly in the browser), where every step of
    /// the packing and edge-tile loops is one of the interpreter's instructions: in headless Chromium the direct loop was
    /// faster at every size the playground multiplies (10×4·4×4: 2 µs against 18–40; 250×4·4×1: 6 against 78; 2500×8·8×8:
    /// 1.1 ms against 1.3–1.5). Compiled, the blocked path is as fast or faster from the smallest products up (10×4·4×4:
    /// 0.2 µs either way; 16×16·16×16: 1.2 against 9), so it is always taken.</summary>
    private static readonly long DirectLimit = Engine.Interpreted ? 1L << 18 : 0;

    /// <summary>A call of fewer multiply-adds is never cut in depth halves: the threshold two threads won from on Zen 4, kept
    /// apart from <see cref="ParallelThreshold"/> because the cut decides the summation order, so moving it changes the
    /// numbers a model computes (moving <see cref="ParallelThreshold"/> does not).</summary>
    private const long DepthSplitThreshold = 1L << 16;

    /// <summary>A call whose depth is at least this many times its row count, with at least <see cref="MinimumSplitDepth"/>
    /// steps, is cut in two halves of the summed dimension (see <see cref="MultiplyDepthHalves"/>).</summary>
    private const int DepthSplitRatio = 4;

    /// <summary>The shortest depth worth cutting in two.</summary>
    private const int MinimumSplitDepth = 128;

    /// <summary>C (m×n, row-major) = op(A)·op(B), or += with <paramref name="accumulate"/>; see <see cref="MatMulKernels.Multiply{T}"/>.</summary>
    public static void Multiply(float* a, float* b, float* c, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate, int threads,
        MatMulTriangle triangle = MatMulTriangle.None)
    {
        if ((long)m * k * n <= DirectLimit && k <= MaxDepthBlock)
            GemmDirect<TKernel>.Multiply(OperandA(a, m, k, transposeA), OperandB(b, k, n, transposeB), c, m, k, n, accumulate, triangle);
        else MultiplyBlocked(a, b, c, m, k, n, transposeA, transposeB, accumulate, threads, triangle);
    }

    /// <summary>As <see cref="Multiply"/>, always blocked and packed (tests compare it with the direct path).</summary>
    internal static void MultiplyBlocked(float* a, float* b, float* c, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate, int threads,
        MatMulTriangle triangle = MatMulTriangle.None)
    {
        // A triangle of op(A) is masked in its packed copy, so that operand is always packed.
        bool trianglesA = triangle is MatMulTriangle.LowerA or MatMulTriangle.UpperA;
        var problem = new Problem(OperandA(a, m, k, transposeA), OperandB(b, k, n, transposeB), c, m, k, n, accumulate,
            // op(A) as stored (row-major) is read in place by a kernel with RunRows, each of a tile's rows streaming along its
            // depth from L1, rather than transposed into packed panels (a copy that cost the GPT about 1.2 ms of a 50 ms
            // one-thread iteration; its products ran 1–4% faster warm without it, Zen 4).
            readAInPlace: (transposeA ? InPlace((long)m * k, m, InPlaceStride / 2) : TKernel.ReadsRows) && !trianglesA,
            readBInPlace: !transposeB && InPlace((long)k * n, n) && m <= InPlaceBRows, triangle);
        if ((long)m * k * n < ParallelThreshold) threads = 1;
        // Decided by the shape alone, never by the thread count, so the summation order is the same on any number of threads.
        if (triangle == MatMulTriangle.None && SumsInDepthHalves(m, k, n))
        {
            MultiplyDepthHalves(problem, threads);
            return;
        }
        if (threads <= 1)
        {
            MultiplyBlock(problem, 0, m, 0, n);
            return;
        }
        // Split C into one band per thread. Every element is still summed by the same kernel in the same depth order, so the
        // result is bit-identical to one thread. A weight gradient (op(A) = Xᵀ) splits its rows, the weight's rows: thread p
        // then writes the rows that the optimizer's range p updates (KernelWorkers.ElementwiseRange) and that its half of the
        // forward pass's depth reads (MultiplyDepthHalves), so no weight row crosses between the cores in a step (the MLP's
        // 784×64·64×128 on two Zen 5 cores a chiplet apart: 7.2 → 4.4 ms an epoch against a split by columns). Any other
        // product splits the side whose duplicated packing is smallest (each thread packs all of the operand that is not
        // split, unless it is read in place); on a tie the longer side, columns if square (1024³ ~200 GFLOP/s by columns,
        // ~190 by rows, Zen 4). A side with fewer tiles than threads (n = 10) cannot feed them all.
        long packedA = problem.ReadAInPlace ? 0 : (long)m * k, packedB = problem.ReadBInPlace ? 0 : (long)k * n;
        long rowSplitCost = packedA / threads + packedB, columnSplitCost = packedA + packedB / threads;
        int rowTiles = (m + TKernel.Rows - 1) / TKernel.Rows, columnTiles = (n + TKernel.Columns - 1) / TKernel.Columns;
        bool splitRows = rowTiles >= threads && columnTiles >= threads
            ? transposeA || rowSplitCost < columnSplitCost || (rowSplitCost == columnSplitCost && m > n)
            : rowTiles > columnTiles;
        int units = splitRows ? rowTiles : columnTiles;
        var split = new Split(problem, splitRows, units, Math.Min(threads, units));
        KernelWorkers.Run(split.Parts, &RunPart, &split);
    }

    /// <summary>Whether a product m×k·k×n is summed as two half-depth products (<see cref="MultiplyDepthHalves"/>): decided
    /// by the shape alone. <see cref="ConvDirectKernels"/> asks it too, to sum as this multiply does.</summary>
    internal static bool SumsInDepthHalves(int m, int k, int n) =>
        (long)m * k * n >= DepthSplitThreshold && k >= MinimumSplitDepth && k >= (long)DepthSplitRatio * m;

    /// <summary>The depth of the first of the two halves: half the depth's tiles, in whole tiles.</summary>
    internal static int FirstHalfDepth(int k) => (k + TKernel.Rows - 1) / TKernel.Rows / 2 * TKernel.Rows;

    /// <summary>The depth block for a depth of <paramref name="k"/>: equal blocks (784 = 4 × 196, not 3 × 256 + 16) of at
    /// most <see cref="MaxDepthBlock"/>, so no block is too short to amortise its C update; the last may be shorter.</summary>
    internal static int DepthBlock(int k)
    {
        int depthBlocks = (k + MaxDepthBlock - 1) / MaxDepthBlock;
        return depthBlocks == 0 ? 0 : (k + depthBlocks - 1) / depthBlocks;
    }

    /// <summary>
    /// C = op(A)[:, :h]·op(B)[:h, :] + op(A)[:, h:]·op(B)[h:, :], the two products on two threads, for a short wide C and a long
    /// depth (a layer's forward pass: a batch of rows times a weight matrix). Splitting C instead would make both threads read
    /// all of the weights; this way each reads only its half of the weight rows, the same rows its thread writes when the
    /// weight gradient (split by C's rows, in the same tile units) and the optimizer update run. On cores that do not share a
    /// cache, fetching the half another core just wrote costs more than the multiply. The second product goes to a scratch C
    /// and is added at the end; on one thread the same two products are computed in turn, the second's tiles added to C as
    /// they are made, so the result does not depend on the thread count.
    /// </summary>
    private static void MultiplyDepthHalves(in Problem problem, int threads)
    {
        int half = FirstHalfDepth(problem.K);
        int length = problem.M * problem.N;
        var first = new Problem(problem.A, problem.B, problem.C, problem.M, half, problem.N, problem.Accumulate, problem.ReadAInPlace, problem.ReadBInPlace);
        if (threads <= 1 && problem.K - half <= MaxDepthBlock)
        {
            // In turn, the second product adds its tiles straight to C's (each tile summed from zero, then C + it): the sum
            // the scratch and the add below make, without their pass over C. Only when the second half is one depth block:
            // with two, C would take them one at a time instead of their sum.
            MultiplyBlock(first, 0, problem.M, 0, problem.N);
            MultiplyBlock(SecondHalf(problem, half, problem.C, accumulate: true), 0, problem.M, 0, problem.N);
            return;
        }
        float* partial = GemmScratch.Partial(length);
        var halves = new DepthHalves(first, SecondHalf(problem, half, partial, accumulate: false));
        KernelWorkers.Run(2, &RunHalf, &halves);
        var sum = new Span<float>(problem.C, length);
        TensorPrimitives.Add(sum, new ReadOnlySpan<float>(partial, length), sum);
    }

    /// <summary>The product of depth [<paramref name="half"/>, k) of <paramref name="problem"/>, into <paramref name="c"/>.</summary>
    private static Problem SecondHalf(in Problem problem, int half, float* c, bool accumulate) =>
        new(problem.A.FromDepth(half), problem.B.FromDepth(half), c, problem.M, problem.K - half, problem.N, accumulate,
            problem.ReadAInPlace, problem.ReadBInPlace);

    private static void RunHalf(void* state, int half)
    {
        ref readonly DepthHalves halves = ref *(DepthHalves*)state;
        ref readonly Problem problem = ref half == 0 ? ref halves.First : ref halves.Second;
        MultiplyBlock(problem, 0, problem.M, 0, problem.N);
    }

    /// <summary>One thread's share of a split call: a band of C's rows or columns, in whole tiles.</summary>
    private static void RunPart(void* state, int part)
    {
        ref readonly Split split = ref *(Split*)state;
        int first = split.Units * part / split.Parts, last = split.Units * (part + 1) / split.Parts;
        ref readonly Problem problem = ref split.Problem;
        if (split.SplitRows)
        {
            int row0 = first * TKernel.Rows;
            MultiplyBlock(problem, row0, Math.Min(problem.M, last * TKernel.Rows) - row0, 0, problem.N);
        }
        else
        {
            int col0 = first * TKernel.Columns;
            MultiplyBlock(problem, 0, problem.M, col0, Math.Min(problem.N, last * TKernel.Columns) - col0);
        }
    }

    /// <summary>The rows [row0, row0 + rows) × columns [col0, col0 + cols) block of C, on the calling thread.</summary>
    private static void MultiplyBlock(in Problem problem, int row0, int rows, int col0, int cols)
    {
        int mr = TKernel.Rows, nr = TKernel.Columns, k = problem.K;
        // Equal depth blocks (784 = 4 × 196, not 3 × 256 + 16) so no block is too short to amortise its C update. The blocks
        // depend on k alone, never on the split, which keeps the summation order the same for any thread count.
        int depthBlock = DepthBlock(k);
        int columnBlock = Math.Min(ColumnBlock, RoundUp(cols, nr));
        int rowBlock = Math.Min(RowBlock, RoundUp(rows, mr));
        float* packedA = GemmScratch.PackedA(rowBlock * depthBlock);
        float* packedB = GemmScratch.PackedB(columnBlock * depthBlock);
        float* edge = stackalloc float[mr * nr];
        nint ldc = problem.N;

        for (int jc = 0; jc < cols; jc += columnBlock)
        {
            int nc = Math.Min(columnBlock, cols - jc);
            for (int p0 = 0; p0 < k; p0 += depthBlock)
            {
                int kc = Math.Min(depthBlock, k - p0);
                bool overwrite = p0 == 0 && !problem.Accumulate;
                PackPanels(problem.B, problem.ReadBInPlace, col0 + jc, nc, p0, kc, nr, packedB);
                for (int ic = 0; ic < rows; ic += rowBlock)
                {
                    int mc = Math.Min(rowBlock, rows - ic);
                    PackPanels(problem.A, problem.ReadAInPlace, row0 + ic, mc, p0, kc, mr, packedA);
                    if (problem.Triangle is MatMulTriangle.LowerA or MatMulTriangle.UpperA)
                        MaskTriangle(packedA, row0 + ic, mc, p0, kc, problem.Triangle == MatMulTriangle.LowerA);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int width = Math.Min(nr, nc - jr), column = col0 + jc + jr;
                        float* panelB = Panel(problem.B, problem.ReadBInPlace && width == nr, column, p0,
                            packedB + (nint)jr * kc, nr, out nint strideB);
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int height = Math.Min(mr, mc - ir), row = row0 + ic + ir;
                            float* panelA = Panel(problem.A, problem.ReadAInPlace && height == mr, row, p0,
                                packedA + (nint)ir * kc, mr, out nint strideA);
                            float* tile = problem.C + row * ldc + column;
                            // The depth steps this tile's rows read: all, or those a triangle of op(A) keeps (zeros elsewhere).
                            int from = problem.Triangle == MatMulTriangle.UpperA ? Math.Clamp(row - p0, 0, kc) : 0;
                            int to = problem.Triangle == MatMulTriangle.LowerA ? Math.Clamp(row + height - p0, 0, kc) : kc;
                            bool crossesDiagonal = problem.Triangle == MatMulTriangle.LowerResult && column + width - 1 > row;
                            if (crossesDiagonal && column >= row + height)
                            {
                                // Wholly above the diagonal: zero, or nothing to add.
                                if (overwrite) for (int r = 0; r < height; r++) new Span<float>(tile + r * ldc, width).Clear();
                                continue;
                            }
                            float* fromA = panelA + from * strideA, fromB = panelB + from * strideB;
                            // A row-major op(A) read in place: its rows are a panel's lanes, one depth step apart.
                            bool aRows = strideA == 1 && problem.A.DepthStride == 1;
                            if (height == mr && width == nr && (!crossesDiagonal || overwrite))
                            {
                                if (aRows) TKernel.RunRows(to - from, fromA, problem.A.LaneStride, fromB, strideB, tile, ldc, overwrite);
                                else TKernel.Run(to - from, fromA, strideA, fromB, strideB, tile, ldc, overwrite);
                                if (crossesDiagonal) ClearAboveDiagonal(tile, ldc, row, column, height, width);
                            }
                            else
                            {
                                // Edge tile: the padded panels give a full tile; keep only the part inside C (and, on the
                                // diagonal of a lower result, on or below it).
                                if (aRows) TKernel.RunRows(to - from, fromA, problem.A.LaneStride, fromB, strideB, edge, nr, overwrite: true);
                                else TKernel.Run(to - from, fromA, strideA, fromB, strideB, edge, nr, overwrite: true);
                                if (crossesDiagonal) ClearAboveDiagonal(edge, nr, row, column, height, width);
                                MergeEdge(edge, tile, ldc, height, width, overwrite);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs the panels of lanes [<paramref name="lane"/>, <paramref name="lane"/> + <paramref name="lanes"/>) that
    /// the kernel cannot read in place into their slots of <paramref name="packed"/>: all of them, or, for an operand read in
    /// place, only a last partial panel (read in place, it would run past the matrix; packed, it is padded with zeros).</summary>
    private static void PackPanels(in GemmOperand operand, bool inPlace, int lane, int lanes, int p0, int depth, int width, float* packed)
    {
        int whole = inPlace ? lanes - lanes % width : 0;
        if (whole < lanes) GemmPacking.Pack(operand, lane + whole, lanes - whole, p0, depth, width, packed + (nint)whole * depth);
    }

    /// <summary>Zeroes the entries of packed op(A) panels (rows [<paramref name="row0"/>, + <paramref name="rows"/>), depths
    /// [<paramref name="p0"/>, + <paramref name="depth"/>)) outside the kept triangle that a tile reads: those in the square
    /// of its rows on the diagonal (a tile's depth range covers its longest row; the other rows read exact zeros there).
    /// Above the diagonal when <paramref name="lower"/>, below it otherwise.</summary>
    private static void MaskTriangle(float* packed, int row0, int rows, int p0, int depth, bool lower)
    {
        int mr = TKernel.Rows;
        for (int lane = 0; lane < rows; lane++)
        {
            float* panel = packed + (nint)(lane / mr) * mr * depth + lane % mr;
            int row = row0 + lane, tileStart = row - lane % mr;
            int first = lower ? row + 1 : tileStart, end = lower ? tileStart + mr : row;
            for (int p = Math.Max(first - p0, 0); p < Math.Min(end - p0, depth); p++) panel[(nint)p * mr] = 0f;
        }
    }

    /// <summary>Zeroes a tile's entries above C's diagonal: the tile's top-left entry is C's (<paramref name="row"/>,
    /// <paramref name="column"/>), its rows <paramref name="stride"/> apart.</summary>
    private static void ClearAboveDiagonal(float* tile, nint stride, int row, int column, int height, int width)
    {
        for (int r = 0; r < height; r++)
        {
            int first = Math.Clamp(row + r + 1 - column, 0, width);
            new Span<float>(tile + r * stride + first, width - first).Clear();
        }
    }

    /// <summary>Where the kernel reads the panel starting at <paramref name="lane"/>, depth <paramref name="p0"/>, and the
    /// distance between its depth steps: in the operand itself, or in its packed slot.</summary>
    private static float* Panel(in GemmOperand operand, bool inPlace, int lane, int p0, float* packed, int width, out nint stride)
    {
        stride = inPlace ? operand.DepthStride : width;
        return inPlace ? operand.Data + lane * operand.LaneStride + p0 * operand.DepthStride : packed;
    }

    private static void MergeEdge(float* edge, float* tile, nint ldc, int height, int width, bool overwrite)
    {
        int nr = TKernel.Columns;
        for (int r = 0; r < height; r++)
        {
            float* from = edge + r * nr;
            float* to = tile + r * ldc;
            if (overwrite) new ReadOnlySpan<float>(from, width).CopyTo(new Span<float>(to, width));
            else for (int j = 0; j < width; j++) to[j] += from[j];
        }
    }

    // op(A) as m lanes of depth k, op(B) as n lanes of depth k, each read through its strides.
    private static GemmOperand OperandA(float* a, int m, int k, bool transposed) => transposed ? new GemmOperand(a, 1, m) : new GemmOperand(a, k, 1);

    private static GemmOperand OperandB(float* b, int k, int n, bool transposed) => transposed ? new GemmOperand(b, k, 1) : new GemmOperand(b, 1, n);

    private static int RoundUp(int value, int unit) => (value + unit - 1) / unit * unit;

    /// <summary>A call cut into <see cref="Parts"/> bands of <see cref="Units"/> tile rows (or tile columns) in all.</summary>
    private readonly struct Split(Problem problem, bool splitRows, int units, int parts)
    {
        public readonly Problem Problem = problem;
        public readonly bool SplitRows = splitRows;
        public readonly int Units = units;
        public readonly int Parts = parts;
    }

    /// <summary>The two half-depth products of <see cref="MultiplyDepthHalves"/>.</summary>
    private readonly struct DepthHalves(Problem first, Problem second)
    {
        public readonly Problem First = first;
        public readonly Problem Second = second;
    }

    /// <summary>The whole call: both operands, C and its shape.</summary>
    private readonly struct Problem(GemmOperand a, GemmOperand b, float* c, int m, int k, int n, bool accumulate,
        bool readAInPlace, bool readBInPlace, MatMulTriangle triangle = MatMulTriangle.None)
    {
        public readonly GemmOperand A = a;
        public readonly GemmOperand B = b;
        public readonly float* C = c;
        public readonly int M = m;
        public readonly int K = k;
        public readonly int N = n;
        public readonly bool Accumulate = accumulate;
        public readonly bool ReadAInPlace = readAInPlace;
        public readonly bool ReadBInPlace = readBInPlace;
        public readonly MatMulTriangle Triangle = triangle;
    }
}
