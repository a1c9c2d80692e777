using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// A 3×3, stride-1 convolution by Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray, 2015; NNPACK, oneDNN and cuDNN
/// use it): each 2×2 block of output pixels (a tile) is computed from the 4×4 input patch under it with 16 multiplications
/// per input channel and output channel instead of 36, so the three matrix products of a training step do 2.25× fewer
/// multiply-adds (less the tiles that overhang an odd-sized output). With the patch d, the kernel g and the tile y of one
/// (input channel, output channel) pair,
/// <code>
/// U = G·g·Gᵀ (4×4),  V = Bᵀ·d·B (4×4),  y = Aᵀ·(U ⊙ V)·A (2×2),
/// </code>
/// and summing over input channels at each of the 16 positions ξ of the 4×4 grid is a matrix product: M_ξ (tiles × Cout)
/// = V_ξ (tiles × Cin) · U_ξ (Cin × Cout). The gradients follow from y being linear in U and V: with dM = A·dY·Aᵀ per tile,
/// dV_ξ = dM_ξ · U_ξᵀ and the input gradient is B·dV·Bᵀ added back onto each patch (patches overlap by two pixels), and
/// dU_ξ = V_ξᵀ · dM_ξ summed over the tiles, whose kernel gradient is Gᵀ·dU·G. The 48 products per pass go through the same
/// GEMM as every other layer; the transforms are a few vector additions per channel vector, channels last.
/// </summary>
/// <remarks>
/// The numbers are not the direct product's bits: the transforms add and subtract input values before they are multiplied,
/// so rounding differs (relative differences about 1e-6 in float32; the tests hold the two paths to 1e-4 over ten training
/// steps and check the gradients against finite differences in float64). Set <see cref="Engine.Winograd"/> to false for the
/// direct product. Work is cut by shape alone: blocks of whole images (about <see cref="TargetTiles"/> tiles, so a block's
/// transformed patches and products stay in the core's L2 cache), claimed one at a time; the kernel gradient's sum over the
/// blocks is cut into <see cref="SumGroups"/> groups, each summed in block order and then added in group order. So every
/// value is computed by the same operations in the same order whatever <see cref="Engine.Threads"/> is: bit-identical.
/// </remarks>
public static unsafe class ConvWinogradKernels
{
    /// <summary>Positions of the 4×4 transformed grid.</summary>
    private const int Positions = 16;

    /// <summary>Tiles a block aims at: two 11×11 images of the MNIST convnet's conv2 (36 tiles each). Its transformed
    /// patches and products (16 × tiles × (Cin + Cout) values, 432 KB for conv2 in float32) stay in a Zen 4 core's L2.</summary>
    private const int TargetTiles = 72;

    /// <summary>The most tiles an image may have: beyond it a block of one image no longer fits in L2.</summary>
    private const int MaximumTilesPerImage = 1024;

    /// <summary>The fewest input and output channels: with fewer, the 16 products are too thin to beat one deeper product.</summary>
    private const int MinimumChannels = 8;

    /// <summary>The kernel gradient's sum over the blocks is cut into this many groups (fewer if there are fewer blocks).</summary>
    private const int SumGroups = 4;

    /// <summary>Below this many multiply-adds (of the direct product) a pass runs on one thread.</summary>
    private const long ParallelThreshold = 1L << 16;

    /// <summary>Whether <paramref name="geometry"/> is computed here: <see cref="Engine.Winograd"/> on, a 3×3 window at stride
    /// 1, at least <see cref="MinimumChannels"/> input and output channels in whole vectors, and native SIMD (interpreted, as
    /// in the browser, the direct product is faster).</summary>
    public static bool Fits<T>(in ConvGeometry geometry) where T : unmanaged
    {
        if (!Engine.Winograd || Engine.Interpreted || !Vector.IsHardwareAccelerated) return false;
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return false;
        var g = geometry;
        int lanes = Vector<T>.Count;
        return g.KernelHeight == 3 && g.KernelWidth == 3 && g.StrideHeight == 1 && g.StrideWidth == 1
            && g.InChannels >= MinimumChannels && g.OutChannels >= MinimumChannels
            && g.InChannels % lanes == 0 && g.OutChannels % lanes == 0
            && TilesPerImage(g) <= MaximumTilesPerImage;
    }

    private static int TileRows(in ConvGeometry g) => (g.OutHeight + 1) / 2;

    private static int TileColumns(in ConvGeometry g) => (g.OutWidth + 1) / 2;

    private static int TilesPerImage(in ConvGeometry g) => TileRows(g) * TileColumns(g);

    /// <summary>output = conv(input, kernel), then max(· + bias, 0) when <paramref name="bias"/> is not null (the bias added to
    /// each finished output value, then the ReLU, as the direct path does); the arguments are checked by <see cref="ConvKernels"/>.</summary>
    internal static void Forward<T>(T* input, T* kernel, T* bias, T* output, in ConvGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var transformed = new PooledBuffer<T>(Positions * geometry.InChannels * geometry.OutChannels);
        fixed (T* u = transformed.Span)
        {
            TransformKernel(kernel, u, geometry);
            var pass = new Pass<T>(geometry, input, u, output, bias, accumulate: false);
            KernelWorkers.Run(Parts(geometry, pass.Blocks), &ForwardPart<T>, &pass);
        }
    }

    /// <summary>
    /// The convolution's gradients for dY = <paramref name="outputGradient"/>, in one pass that shares each block's dM between
    /// them: dX into <paramref name="inputGradient"/> and dW into <paramref name="kernelGradient"/> (either may be null: not
    /// wanted), each written or, when its accumulate flag is set, added to.
    /// </summary>
    internal static void Gradients<T>(T* input, T* kernel, T* outputGradient, T* inputGradient, T* kernelGradient, in ConvGeometry geometry,
        bool accumulateInput, bool accumulateKernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int grid = Positions * geometry.InChannels * geometry.OutChannels;
        var pass = new Pass<T>(geometry, input, null, outputGradient, null, accumulateInput) { InputGradient = inputGradient };
        // Without a kernel gradient every block is a unit of its own; with one, the sum groups are.
        if (kernelGradient != null) pass.Groups = Math.Min(pass.Blocks, SumGroups);
        using var transformed = new PooledBuffer<T>(inputGradient == null ? 0 : 2 * grid);
        using var partials = new PooledBuffer<T>(kernelGradient == null ? 0 : Math.Max(pass.Groups, 1) * grid);
        fixed (T* u = transformed.Span, du = partials.Span)
        {
            // Uᵀ (16 × Cout × Cin), so that each product dM_ξ · U_ξᵀ reads its right operand in place instead of packing it.
            if (inputGradient != null)
            {
                TransformKernel(kernel, u + grid, geometry);
                int plane = geometry.InChannels * geometry.OutChannels;
                for (int xi = 0; xi < Positions; xi++)
                    ConvKernels.Transpose<T>(new ReadOnlySpan<T>(u + grid + (nint)xi * plane, plane), new Span<T>(u + (nint)xi * plane, plane),
                        geometry.InChannels, geometry.OutChannels);
            }
            pass.Kernel = u;
            pass.Partials = kernelGradient == null ? null : du;
            KernelWorkers.Run(Parts(geometry, pass.Groups), &GradientsPart<T>, &pass);
            if (kernelGradient == null) return;
            if (pass.Groups == 0) partials.Span.Clear();
            var sum = partials.Span[..grid];
            for (int group = 1; group < pass.Groups; group++)
                TensorPrimitives.Add(sum, partials.Span.Slice(group * grid, grid), sum);
            UntransformKernelGradient(du, kernelGradient, geometry, accumulateKernel);
        }
    }

    /// <summary>Forward, one block of images at a time: V = Bᵀ·d·B for every tile, the 16 products M_ξ = V_ξ · U_ξ, then
    /// y = Aᵀ·M·A (with the bias and ReLU when fused).</summary>
    private static void ForwardPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var g = pass.Geometry;
        int cin = g.InChannels, cout = g.OutChannels;
        using var patches = new PooledBuffer<T>(Positions * pass.BlockTiles * cin);
        using var products = new PooledBuffer<T>(Positions * pass.BlockTiles * cout);
        fixed (T* v = patches.Span, m = products.Span)
        {
            while (pass.TryClaim(out int block))
            {
                var (image0, tiles) = pass.Block(block);
                TransformInput(pass.Input, v, g, image0, tiles);
                for (int xi = 0; xi < Positions; xi++)
                    MatMulKernels.MultiplyOnOneThread<T>(new ReadOnlySpan<T>(v + (nint)xi * tiles * cin, tiles * cin),
                        new ReadOnlySpan<T>(pass.Kernel + (nint)xi * cin * cout, cin * cout),
                        new Span<T>(m + (nint)xi * tiles * cout, tiles * cout), tiles, cin, cout);
                TransformOutput(m, pass.Output, pass.Bias, g, image0, tiles);
            }
        }
    }

    /// <summary>The gradients, one unit (a block, or a sum group of blocks when dW is wanted) at a time; for each block in
    /// order: dM = A·dY·Aᵀ; for dW, V = Bᵀ·d·B and dU_ξ (+)= V_ξᵀ · dM_ξ into the group's own partial sum; for dX, the block's
    /// images cleared (unless accumulating), dV_ξ = dM_ξ · U_ξᵀ (Uᵀ stored), and B·dV·Bᵀ added onto each tile's patch in tile order.</summary>
    private static void GradientsPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var g = pass.Geometry;
        int cin = g.InChannels, cout = g.OutChannels, grid = Positions * cin * cout, imageLength = g.Height * g.Width * cin;
        using var gradients = new PooledBuffer<T>(Positions * pass.BlockTiles * cout);
        using var patches = new PooledBuffer<T>(Positions * pass.BlockTiles * cin);
        fixed (T* dm = gradients.Span, v = patches.Span)
        {
            while (pass.TryClaim(out int group))
            {
                int first = pass.Blocks * group / pass.Groups, end = pass.Blocks * (group + 1) / pass.Groups;
                for (int block = first; block < end; block++)
                {
                    var (image0, tiles) = pass.Block(block);
                    TransformOutputGradient(pass.Output, dm, g, image0, tiles);
                    if (pass.Partials != null)
                    {
                        T* du = pass.Partials + (nint)group * grid;
                        TransformInput(pass.Input, v, g, image0, tiles);
                        for (int xi = 0; xi < Positions; xi++)
                            MatMulKernels.MultiplyOnOneThread<T>(new ReadOnlySpan<T>(v + (nint)xi * tiles * cin, tiles * cin),
                                new ReadOnlySpan<T>(dm + (nint)xi * tiles * cout, tiles * cout),
                                new Span<T>(du + (nint)xi * cin * cout, cin * cout), cin, tiles, cout, transposeA: true, accumulate: block > first);
                    }
                    if (pass.InputGradient == null) continue;
                    if (!pass.Accumulate) new Span<T>(pass.InputGradient + (nint)image0 * imageLength, tiles / pass.TilesPerImage * imageLength).Clear();
                    for (int xi = 0; xi < Positions; xi++) // dV, into the patches' buffer
                        MatMulKernels.MultiplyOnOneThread<T>(new ReadOnlySpan<T>(dm + (nint)xi * tiles * cout, tiles * cout),
                            new ReadOnlySpan<T>(pass.Kernel + (nint)xi * cin * cout, cin * cout),
                            new Span<T>(v + (nint)xi * tiles * cin, tiles * cin), tiles, cout, cin);
                    AddInputGradient(v, pass.InputGradient, g, image0, tiles);
                }
            }
        }
    }

    /// <summary>U = G·g·Gᵀ for every (input channel, output channel), into u[ξ][cin][cout]; the kernel is (3, 3, Cin, Cout),
    /// G = [[1, 0, 0], [½, ½, ½], [½, -½, ½], [0, 0, 1]].</summary>
    private static void TransformKernel<T>(T* kernel, T* u, in ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cin = g.InChannels, cout = g.OutChannels, lanes = Vector<T>.Count, plane = cin * cout;
        var half = new Vector<T>(T.CreateTruncating(0.5));
        Span<Vector<T>> rows = stackalloc Vector<T>[12];
        for (int c = 0; c < cin; c++)
        for (int k = 0; k < cout; k += lanes)
        {
            // The kernel's (ky, kx, c, k..k+lanes) is at + (3·ky + kx)·plane; rows = G·g, then U = rows·Gᵀ.
            T* at = kernel + (nint)c * cout + k;
            for (int kx = 0; kx < 3; kx++)
            {
                var (g0, g1, g2) = (Vector.Load(at + (nint)kx * plane), Vector.Load(at + (nint)(3 + kx) * plane), Vector.Load(at + (nint)(6 + kx) * plane));
                rows[kx] = g0;
                rows[3 + kx] = (g0 + g1 + g2) * half;
                rows[6 + kx] = (g0 - g1 + g2) * half;
                rows[9 + kx] = g2;
            }
            T* to = u + (nint)c * cout + k;
            for (int i = 0; i < 4; i++)
            {
                var (r0, r1, r2) = (rows[3 * i], rows[3 * i + 1], rows[3 * i + 2]);
                r0.Store(to + (nint)(4 * i) * plane);
                ((r0 + r1 + r2) * half).Store(to + (nint)(4 * i + 1) * plane);
                ((r0 - r1 + r2) * half).Store(to + (nint)(4 * i + 2) * plane);
                r2.Store(to + (nint)(4 * i + 3) * plane);
            }
        }
    }

    /// <summary>dW (+)= Gᵀ·dU·G for every (input channel, output channel), from du[ξ][cin][cout];
    /// Gᵀ = [[1, ½, ½, 0], [0, ½, -½, 0], [0, ½, ½, 1]].</summary>
    private static void UntransformKernelGradient<T>(T* du, T* kernelGradient, in ConvGeometry g, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cin = g.InChannels, cout = g.OutChannels, lanes = Vector<T>.Count, plane = cin * cout;
        var half = new Vector<T>(T.CreateTruncating(0.5));
        Span<Vector<T>> rows = stackalloc Vector<T>[12];
        for (int c = 0; c < cin; c++)
        for (int k = 0; k < cout; k += lanes)
        {
            T* from = du + (nint)c * cout + k;
            for (int j = 0; j < 4; j++)
            {
                var (x0, x1, x2, x3) = (Vector.Load(from + (nint)j * plane), Vector.Load(from + (nint)(4 + j) * plane),
                    Vector.Load(from + (nint)(8 + j) * plane), Vector.Load(from + (nint)(12 + j) * plane));
                rows[j] = x0 + (x1 + x2) * half;
                rows[4 + j] = (x1 - x2) * half;
                rows[8 + j] = (x1 + x2) * half + x3;
            }
            T* to = kernelGradient + (nint)c * cout + k;
            for (int ky = 0; ky < 3; ky++)
            {
                var (x0, x1, x2, x3) = (rows[4 * ky], rows[4 * ky + 1], rows[4 * ky + 2], rows[4 * ky + 3]);
                Put(to + (nint)(3 * ky) * plane, x0 + (x1 + x2) * half, accumulate);
                Put(to + (nint)(3 * ky + 1) * plane, (x1 - x2) * half, accumulate);
                Put(to + (nint)(3 * ky + 2) * plane, (x1 + x2) * half + x3, accumulate);
            }
        }
    }

    private static void Put<T>(T* at, Vector<T> value, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T> =>
        (accumulate ? Vector.Load(at) + value : value).Store(at);

    /// <summary>V = Bᵀ·d·B for each tile of the block into v[ξ][tile][cin], d the 4×4 patch (zeros outside the image);
    /// Bᵀ = [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]].</summary>
    private static void TransformInput<T>(T* input, T* v, in ConvGeometry g, int image0, int tiles)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cin = g.InChannels, lanes = Vector<T>.Count;
        nint plane = (nint)tiles * cin;
        Span<Vector<T>> t = stackalloc Vector<T>[16];
        for (int tile = 0; tile < tiles; tile++)
        {
            var place = new Tile(g, image0, tile);
            var (y0, x0, inside) = (place.Y, place.X, place.Inside);
            T* patch = input + place.PatchOffset(g);
            T* to = v + (nint)tile * cin;
            for (int c = 0; c < cin; c += lanes)
            {
                // t = Bᵀ·d, row by row of the patch's columns.
                for (int s = 0; s < 4; s++)
                {
                    var (d0, d1, d2, d3) = (Read(patch, g, inside, y0, x0, 0, s, c), Read(patch, g, inside, y0, x0, 1, s, c),
                        Read(patch, g, inside, y0, x0, 2, s, c), Read(patch, g, inside, y0, x0, 3, s, c));
                    t[s] = d0 - d2;
                    t[4 + s] = d1 + d2;
                    t[8 + s] = d2 - d1;
                    t[12 + s] = d1 - d3;
                }
                // V = t·B.
                for (int i = 0; i < 4; i++)
                {
                    var (t0, t1, t2, t3) = (t[4 * i], t[4 * i + 1], t[4 * i + 2], t[4 * i + 3]);
                    (t0 - t2).Store(to + (4 * i) * plane + c);
                    (t1 + t2).Store(to + (4 * i + 1) * plane + c);
                    (t2 - t1).Store(to + (4 * i + 2) * plane + c);
                    (t1 - t3).Store(to + (4 * i + 3) * plane + c);
                }
            }
        }
    }

    /// <summary>The patch's value at row <paramref name="r"/>, column <paramref name="s"/>, channels c..c+lanes, or zeros
    /// where that lies outside the image (never, when the whole patch is <paramref name="inside"/>).</summary>
    private static Vector<T> Read<T>(T* patch, in ConvGeometry g, bool inside, int y0, int x0, int r, int s, int c)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        inside || (uint)(y0 + r) < (uint)g.Height && (uint)(x0 + s) < (uint)g.Width
            ? Vector.Load(patch + ((nint)r * g.Width + s) * g.InChannels + c) : Vector<T>.Zero;

    /// <summary>y = Aᵀ·M·A for each tile of the block from m[ξ][tile][cout], written where the 2×2 tile lies inside the
    /// output, then (fused) y + bias and max(·, 0); Aᵀ = [[1, 1, 1, 0], [0, 1, -1, -1]].</summary>
    private static void TransformOutput<T>(T* m, T* output, T* bias, in ConvGeometry g, int image0, int tiles)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cout = g.OutChannels, lanes = Vector<T>.Count;
        nint plane = (nint)tiles * cout;
        for (int tile = 0; tile < tiles; tile++)
        {
            var place = new Tile(g, image0, tile);
            bool secondRow = place.OutY + 1 < g.OutHeight, secondColumn = place.OutX + 1 < g.OutWidth;
            T* from = m + (nint)tile * cout;
            T* to = output + place.OutputOffset(g);
            for (int k = 0; k < cout; k += lanes)
            {
                // s = Aᵀ·M (two rows of four), then y = s·A.
                T* at = from + k;
                Vector<T> s00 = Vector.Load(at) + Vector.Load(at + 4 * plane) + Vector.Load(at + 8 * plane);
                Vector<T> s01 = Vector.Load(at + plane) + Vector.Load(at + 5 * plane) + Vector.Load(at + 9 * plane);
                Vector<T> s02 = Vector.Load(at + 2 * plane) + Vector.Load(at + 6 * plane) + Vector.Load(at + 10 * plane);
                Vector<T> s03 = Vector.Load(at + 3 * plane) + Vector.Load(at + 7 * plane) + Vector.Load(at + 11 * plane);
                Vector<T> s10 = Vector.Load(at + 4 * plane) - Vector.Load(at + 8 * plane) - Vector.Load(at + 12 * plane);
                Vector<T> s11 = Vector.Load(at + 5 * plane) - Vector.Load(at + 9 * plane) - Vector.Load(at + 13 * plane);
                Vector<T> s12 = Vector.Load(at + 6 * plane) - Vector.Load(at + 10 * plane) - Vector.Load(at + 14 * plane);
                Vector<T> s13 = Vector.Load(at + 7 * plane) - Vector.Load(at + 11 * plane) - Vector.Load(at + 15 * plane);
                Write(to + k, s00 + s01 + s02, bias, k);
                if (secondColumn) Write(to + cout + k, s01 - s02 - s03, bias, k);
                if (!secondRow) continue;
                Write(to + (nint)g.OutWidth * cout + k, s10 + s11 + s12, bias, k);
                if (secondColumn) Write(to + ((nint)g.OutWidth + 1) * cout + k, s11 - s12 - s13, bias, k);
            }
        }
    }

    private static void Write<T>(T* at, Vector<T> value, T* bias, int k) where T : unmanaged, IFloatingPointIeee754<T> =>
        (bias == null ? value : Vector.Max(value + Vector.Load(bias + k), Vector<T>.Zero)).Store(at);

    /// <summary>dM = A·dY·Aᵀ for each tile of the block into dm[ξ][tile][cout], dY's values outside the output taken as
    /// zeros; A = [[1, 0], [1, 1], [1, -1], [0, -1]].</summary>
    private static void TransformOutputGradient<T>(T* outputGradient, T* dm, in ConvGeometry g, int image0, int tiles)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cout = g.OutChannels, lanes = Vector<T>.Count;
        nint plane = (nint)tiles * cout;
        for (int tile = 0; tile < tiles; tile++)
        {
            var place = new Tile(g, image0, tile);
            bool secondRow = place.OutY + 1 < g.OutHeight, secondColumn = place.OutX + 1 < g.OutWidth;
            T* from = outputGradient + place.OutputOffset(g);
            T* to = dm + (nint)tile * cout;
            for (int k = 0; k < cout; k += lanes)
            {
                var dy00 = Vector.Load(from + k);
                var dy01 = secondColumn ? Vector.Load(from + cout + k) : Vector<T>.Zero;
                var dy10 = secondRow ? Vector.Load(from + (nint)g.OutWidth * cout + k) : Vector<T>.Zero;
                var dy11 = secondRow && secondColumn ? Vector.Load(from + ((nint)g.OutWidth + 1) * cout + k) : Vector<T>.Zero;
                // r = A·dY (four rows of two), then dM = r·Aᵀ.
                T* at = to + k;
                StoreRow(at, plane, 0, dy00, dy01);
                StoreRow(at, plane, 1, dy00 + dy10, dy01 + dy11);
                StoreRow(at, plane, 2, dy00 - dy10, dy01 - dy11);
                StoreRow(at, plane, 3, -dy10, -dy11);
            }
        }
    }

    /// <summary>Row <paramref name="i"/> of dM = r·Aᵀ from row i of r = A·dY, (r0, r1): r0, r0 + r1, r0 - r1, -r1.</summary>
    private static void StoreRow<T>(T* at, nint plane, int i, Vector<T> r0, Vector<T> r1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        r0.Store(at + 4 * i * plane);
        (r0 + r1).Store(at + (4 * i + 1) * plane);
        (r0 - r1).Store(at + (4 * i + 2) * plane);
        (-r1).Store(at + (4 * i + 3) * plane);
    }

    /// <summary>dX += B·dV·Bᵀ for each tile of the block in tile order, from dv[ξ][tile][cin], onto the tile's patch (values
    /// that fall outside the image, on the padding, are dropped); B = [[1, 0, 0, 0], [0, 1, -1, 1], [-1, 1, 1, 0], [0, 0, 0, -1]].</summary>
    private static void AddInputGradient<T>(T* dv, T* inputGradient, in ConvGeometry g, int image0, int tiles)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cin = g.InChannels, lanes = Vector<T>.Count;
        nint plane = (nint)tiles * cin;
        Span<Vector<T>> e = stackalloc Vector<T>[16];
        for (int tile = 0; tile < tiles; tile++)
        {
            var place = new Tile(g, image0, tile);
            var (y0, x0, inside) = (place.Y, place.X, place.Inside);
            T* patch = inputGradient + place.PatchOffset(g);
            T* from = dv + (nint)tile * cin;
            for (int c = 0; c < cin; c += lanes)
            {
                // e = B·dV, column by column.
                for (int j = 0; j < 4; j++)
                {
                    var (x0v, x1, x2, x3) = (Vector.Load(from + j * plane + c), Vector.Load(from + (4 + j) * plane + c),
                        Vector.Load(from + (8 + j) * plane + c), Vector.Load(from + (12 + j) * plane + c));
                    e[j] = x0v;
                    e[4 + j] = x1 - x2 + x3;
                    e[8 + j] = x1 + x2 - x0v;
                    e[12 + j] = -x3;
                }
                // dd = e·Bᵀ, added onto the patch.
                for (int r = 0; r < 4; r++)
                {
                    if (!inside && (uint)(y0 + r) >= (uint)g.Height) continue;
                    var (x0v, x1, x2, x3) = (e[4 * r], e[4 * r + 1], e[4 * r + 2], e[4 * r + 3]);
                    AddAt(patch, g, inside, x0, r, 0, c, x0v);
                    AddAt(patch, g, inside, x0, r, 1, c, x1 - x2 + x3);
                    AddAt(patch, g, inside, x0, r, 2, c, x1 + x2 - x0v);
                    AddAt(patch, g, inside, x0, r, 3, c, -x3);
                }
            }
        }
    }

    private static void AddAt<T>(T* patch, in ConvGeometry g, bool inside, int x0, int r, int s, int c, Vector<T> value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!inside && (uint)(x0 + s) >= (uint)g.Width) return;
        T* at = patch + ((nint)r * g.Width + s) * g.InChannels + c;
        (Vector.Load(at) + value).Store(at);
    }

    /// <summary>How many threads share <paramref name="units"/> units: up to <see cref="Engine.Threads"/>, one when the whole
    /// pass is too small to repay a second.</summary>
    private static int Parts(in ConvGeometry geometry, int units) =>
        (long)geometry.Rows * geometry.Depth * geometry.OutChannels < ParallelThreshold ? Math.Min(units, 1) : Math.Min(units, Engine.Threads);

    /// <summary>Where tile <c>tile</c> of the block that starts at image <c>image0</c> lies: its image, its first output row
    /// and column (tiles run row by row, 2×2 outputs each), its 4×4 input patch's top-left corner (negative on the padding),
    /// and whether the whole patch lies inside the image.</summary>
    private readonly struct Tile
    {
        public readonly int Image, OutY, OutX, Y, X;
        public readonly bool Inside;

        public Tile(in ConvGeometry g, int image0, int tile)
        {
            int perImage = TilesPerImage(g), within = tile % perImage, columns = TileColumns(g);
            Image = image0 + tile / perImage;
            OutY = within / columns * 2;
            OutX = within % columns * 2;
            Y = OutY - g.PadTop;
            X = OutX - g.PadLeft;
            Inside = Y >= 0 && X >= 0 && Y + 4 <= g.Height && X + 4 <= g.Width;
        }

        /// <summary>Elements from the input's start to the patch's top-left corner (which may lie on the padding).</summary>
        public nint PatchOffset(in ConvGeometry g) => ((nint)(Image * g.Height + Y) * g.Width + X) * g.InChannels;

        /// <summary>Elements from the output's start to the tile's first output pixel.</summary>
        public nint OutputOffset(in ConvGeometry g) => ((nint)(Image * g.OutHeight + OutY) * g.OutWidth + OutX) * g.OutChannels;
    }

    /// <summary>One pass's operands and its blocks of whole images, which threads claim one at a time (for the gradients,
    /// units of consecutive blocks).</summary>
    private struct Pass<T> where T : unmanaged
    {
        public readonly ConvGeometry Geometry;

        /// <summary>x.</summary>
        public readonly T* Input;

        /// <summary>U, the transformed kernel (16 × Cin × Cout); Uᵀ (16 × Cout × Cin) for the gradients.</summary>
        public T* Kernel;

        /// <summary>The sum groups' partial sums of dU, one grid after another, or null when dW is not wanted.</summary>
        public T* Partials;

        /// <summary>dX, or null when not wanted.</summary>
        public T* InputGradient;

        /// <summary>y, or dY for the gradients.</summary>
        public readonly T* Output;

        /// <summary>The fused bias, or null.</summary>
        public readonly T* Bias;

        public readonly bool Accumulate;
        public readonly int TilesPerImage, ImagesPerBlock, Blocks, BlockTiles;

        /// <summary>The units threads claim: blocks (the default), or sum groups of blocks when dW is wanted.</summary>
        public int Groups;

        private int _claimed;

        public Pass(in ConvGeometry geometry, T* input, T* kernel, T* output, T* bias, bool accumulate)
        {
            Geometry = geometry;
            Input = input;
            Kernel = kernel;
            Output = output;
            Bias = bias;
            Accumulate = accumulate;
            TilesPerImage = ConvWinogradKernels.TilesPerImage(geometry);
            ImagesPerBlock = Math.Max(1, TargetTiles / Math.Max(TilesPerImage, 1));
            Blocks = TilesPerImage == 0 ? 0 : (geometry.Batch + ImagesPerBlock - 1) / ImagesPerBlock;
            BlockTiles = ImagesPerBlock * TilesPerImage;
            Groups = Blocks;
        }

        /// <summary>Block <paramref name="block"/>'s first image and its number of tiles.</summary>
        public readonly (int Image0, int Tiles) Block(int block)
        {
            int image0 = block * ImagesPerBlock;
            return (image0, Math.Min(ImagesPerBlock, Geometry.Batch - image0) * TilesPerImage);
        }

        /// <summary>The next unit nobody has taken, or false when all are taken.</summary>
        public bool TryClaim(out int unit)
        {
            unit = Interlocked.Increment(ref _claimed) - 1;
            return unit < Groups;
        }

    }
}
