using System.Numerics;
using System.Runtime.Intrinsics;

namespace MiniNet.Kernels;

/// <summary>
/// A shallow convolution computed pixel by pixel, with no column matrix and no matrix product: a layer
/// whose window holds few input values (KH·KW·Cin ≤ <see cref="MaximumDepth"/>; conv1 of the MNIST convnet, 3×3 on one
/// channel, holds 9) and whose output channels fill whole vectors (Cout a multiple of the vector width, at most
/// <see cref="MaximumVectors"/> vectors). For such a layer <see cref="ConvKernels"/>' im2col and product are mostly overhead:
/// a product of depth 9 writes each 32-value output row after only 9 multiply-adds, and its column matrix is nine times the
/// input. Here y[p, :] = Σ_k x(p, k)·W[k, :] for eight pixels p of an output line at a time (eight independent sums per
/// vector of channels hide the multiply-add's latency), each window value broadcast against the kernel's row k, then the
/// bias and ReLU when fused. Each sum starts from zero and adds the window's values in (ky, kx, c) order with one rounding per
/// multiply-add, padding values as zeros, exactly as im2col and the AVX-512 micro-kernel sum it: in float32 the bits are the
/// matrix-product path's, so nothing a model computes changes (on conv1 of the MNIST convnet at batch 64 the pass takes
/// about half the time). The kernel gradient, dW = colsᵀ·dY, is likewise summed from the image in place
/// (<see cref="KernelGradientOfRows{T}"/>), with the product's own order and roundings; the input gradient stays with
/// <see cref="ConvKernels"/>' product (a first layer, which this is made for, wants none).
/// </summary>
public static unsafe partial class ConvDirectKernels
{
    /// <summary>The deepest window computed directly: 3×3 on three channels (an RGB image's first layer).</summary>
    private const int MaximumDepth = 27;

    /// <summary>The most output-channel vectors per pixel.</summary>
    private const int MaximumVectors = 4;

    /// <summary>Output lines (one image row of output pixels) a forward unit of work holds.</summary>
    private const int LinesPerUnit = 16;

    /// <summary>Below this many multiply-adds a pass runs on one thread.</summary>
    private const long ParallelThreshold = 1L << 16;

    /// <summary>Whether <paramref name="geometry"/> is computed here: 512-bit vectors with fused multiply-add in hardware
    /// (the micro-kernel whose sums the forward pass repeats), a shallow window and whole vectors of output channels.</summary>
    public static bool Fits<T>(in ConvGeometry geometry) where T : unmanaged
    {
        if (!Vector512.IsHardwareAccelerated || !Avx512MicroKernel.IsSupported) return false;
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return false;
        int lanes = Vector512<T>.Count;
        return geometry.Depth <= MaximumDepth && geometry.OutChannels % lanes == 0 && geometry.OutChannels <= MaximumVectors * lanes;
    }

    /// <summary>output = cols(input)·kernel, then max(· + bias, 0) when <paramref name="bias"/> is not null; the arguments
    /// are checked by <see cref="ConvKernels"/>.</summary>
    internal static void Forward<T>(T* input, T* kernel, T* bias, T* output, in ConvGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lines = geometry.Batch * geometry.OutHeight, units = (lines + LinesPerUnit - 1) / LinesPerUnit;
        int claimed = 0;
        // ConvKernels' pass, its units output lines (LinesPerUnit at a time), its partial sums the fused bias.
        var pass = new ConvKernels.Pass<T>(geometry, input, kernel, output, bias, 0, 0, units, false, 0, &claimed);
        KernelWorkers.Run(Parts(geometry, units), &ForwardPart<T>, &pass);
    }

    private static void ForwardPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var pass = ref *(ConvKernels.Pass<T>*)state;
        var g = pass.Geometry;
        int lines = g.Batch * g.OutHeight, outWidth = g.OutWidth, outChannels = g.OutChannels;
        var window = new LineWindow(g);
        while (pass.TryClaim(out int unit))
        {
            for (int line = unit * LinesPerUnit, end = Math.Min(lines, line + LinesPerUnit); line < end; line++)
            {
                window.MoveTo(g, line);
                T* y = pass.Output + (nint)line * outWidth * outChannels;
                for (int ox = 0; ox < outWidth;)
                {
                    if (ox + Block <= outWidth && window.BlockInside(g, ox))
                    {
                        ForwardBlock(pass, window, ox, y);
                        ox += Block;
                    }
                    else ForwardPixel(pass, window, ox++, y);
                }
            }
        }
    }

    /// <summary>Output pixels per block: eight independent sums per vector of channels, enough to hide the multiply-add's latency.</summary>
    private const int Block = 8;

    /// <summary>Output pixels ox … ox + 7 of the line whose output starts at <paramref name="y"/>, all of whose window values
    /// lie inside the image.</summary>
    private static void ForwardBlock<T>(in ConvKernels.Pass<T> pass, in LineWindow window, int ox, T* y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var g = ref pass.Geometry;
        int lanes = Vector512<T>.Count, depth = g.Depth, outChannels = g.OutChannels, step = g.StrideWidth * g.InChannels;
        for (int at = 0; at < outChannels; at += lanes)
        {
            Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            T* w = pass.Kernel + at;
            for (int k = 0; k < depth; k++, w += outChannels)
            {
                AddEight(pass.Input + window.Start[k] + ox * step, step, Vector512.Load(w), ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
            }
            T* to = y + (nint)ox * outChannels + at;
            Store(s0, pass.Partial, to, at);
            Store(s1, pass.Partial, to + outChannels, at);
            Store(s2, pass.Partial, to + 2 * outChannels, at);
            Store(s3, pass.Partial, to + 3 * outChannels, at);
            Store(s4, pass.Partial, to + 4 * outChannels, at);
            Store(s5, pass.Partial, to + 5 * outChannels, at);
            Store(s6, pass.Partial, to + 6 * outChannels, at);
            Store(s7, pass.Partial, to + 7 * outChannels, at);
        }
    }

    /// <summary>s_i += x[i·step]·weights for the block's eight pixels i = 0 … 7, each one multiply-add rounded once: one window
    /// value of each pixel against one kernel row. Inlined, the sums stay in registers (as locals of the caller).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void AddEight<T>(T* x, int step, Vector512<T> weights, ref Vector512<T> s0, ref Vector512<T> s1, ref Vector512<T> s2,
        ref Vector512<T> s3, ref Vector512<T> s4, ref Vector512<T> s5, ref Vector512<T> s6, ref Vector512<T> s7) where T : unmanaged
    {
        s0 = MultiplyAdd(Vector512.Create(x[0]), weights, s0);
        s1 = MultiplyAdd(Vector512.Create(x[step]), weights, s1);
        s2 = MultiplyAdd(Vector512.Create(x[2 * step]), weights, s2);
        s3 = MultiplyAdd(Vector512.Create(x[3 * step]), weights, s3);
        s4 = MultiplyAdd(Vector512.Create(x[4 * step]), weights, s4);
        s5 = MultiplyAdd(Vector512.Create(x[5 * step]), weights, s5);
        s6 = MultiplyAdd(Vector512.Create(x[6 * step]), weights, s6);
        s7 = MultiplyAdd(Vector512.Create(x[7 * step]), weights, s7);
    }

    /// <summary>Output pixel ox alone (at the image's edges, or at a line's end): the same sums, padding values as zeros.</summary>
    private static void ForwardPixel<T>(in ConvKernels.Pass<T> pass, in LineWindow window, int ox, T* y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var g = ref pass.Geometry;
        int lanes = Vector512<T>.Count, depth = g.Depth, outChannels = g.OutChannels, step = g.StrideWidth * g.InChannels;
        for (int at = 0; at < outChannels; at += lanes)
        {
            var sum = Vector512<T>.Zero;
            T* w = pass.Kernel + at;
            for (int k = 0; k < depth; k++, w += outChannels)
            {
                var x = window.Inside(g, k, ox) ? Vector512.Create(pass.Input[window.Start[k] + ox * step]) : Vector512<T>.Zero;
                sum = MultiplyAdd(x, Vector512.Load(w), sum);
            }
            Store(sum, pass.Partial, y + (nint)ox * outChannels + at, at);
        }
    }

    /// <summary>
    /// dW = [dW +] colsᵀ·dY over the column-matrix rows [<paramref name="row0"/>, <paramref name="row0"/> +
    /// <paramref name="rows"/>), with the arithmetic of <see cref="MatMulKernels.MultiplyOnOneThread{T}"/>(cols, dY, dW,
    /// depth, rows, Cout, transposeA: true, accumulate), which <see cref="ConvKernels"/> calls for the same rows, but without
    /// building the rows' column matrix: each element of dW is a chain of multiply-adds over the rows in order, from zero, one
    /// per depth block of the product (<see cref="GemmBlocking{TKernel}"/>'s blocks and its two halves of a deep sum, the second
    /// half added last), each added to what dW holds as the AVX-512 micro-kernel adds its tile. In float32 the bits are the
    /// product's.
    /// </summary>
    internal static void KernelGradientOfRows<T>(T* input, T* outputGradient, T* kernelGradient, in ConvGeometry geometry, int row0, int rows, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = geometry.KernelLength;
        if (GemmBlocking<Avx512MicroKernel>.SumsInDepthHalves(geometry.Depth, rows, geometry.OutChannels))
        {
            int half = GemmBlocking<Avx512MicroKernel>.FirstHalfDepth(rows);
            T* second = stackalloc T[length];
            DepthBlocks(input, outputGradient, kernelGradient, geometry, row0, half, accumulate);
            DepthBlocks(input, outputGradient, second, geometry, row0 + half, rows - half, accumulate: false);
            for (int i = 0; i < length; i++) kernelGradient[i] += second[i];
        }
        else DepthBlocks(input, outputGradient, kernelGradient, geometry, row0, rows, accumulate);
    }

    /// <summary>The rows cut into the matrix multiply's depth blocks (<see cref="GemmBlocking{TKernel}.DepthBlock"/>), each one
    /// chain per element, the first written (unless accumulating), the rest added.</summary>
    private static void DepthBlocks<T>(T* input, T* outputGradient, T* target, in ConvGeometry g, int row0, int rows, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int block = GemmBlocking<Avx512MicroKernel>.DepthBlock(rows);
        int vectors = g.OutChannels / Vector512<T>.Count;
        for (int p0 = 0; p0 < rows; p0 += block)
        {
            bool add = p0 > 0 || accumulate;
            for (int k = 0; k < g.Depth; k += 4)
            for (int v = 0; v < vectors; v += 2)
                ChainsOverRows(input, outputGradient, target, g, row0 + p0, Math.Min(block, rows - p0), k, v, add);
        }
    }

    /// <summary>For window values k … k + 3 and channel vectors v, v + 1 (eight chains side by side, enough to hide the
    /// multiply-add's latency; each row's two dY vectors and four window values are loaded once for all eight): the chain
    /// Σ x(row, k)·dY[row, v] over rows [row0, row0 + rows) in order from zero, then stored into or added to dW[k, v].
    /// Past the last window value or vector, chains repeat the last one and are not stored.</summary>
    private static void ChainsOverRows<T>(T* input, T* outputGradient, T* target, in ConvGeometry g, int row0, int rows, int k, int v, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count, vectors = g.OutChannels / lanes, step = g.StrideWidth * g.InChannels, last = g.Depth - 1;
        var chains = new EightChains<T>
        {
            K0 = k, K1 = Math.Min(k + 1, last), K2 = Math.Min(k + 2, last), K3 = Math.Min(k + 3, last),
            At0 = v * lanes, At1 = Math.Min(v + 1, vectors - 1) * lanes,
        };
        var window = new LineWindow(g);
        for (int row = row0, end = row0 + rows; row < end;)
        {
            int line = row / g.OutWidth, ox = row - line * g.OutWidth, count = Math.Min(end, row + g.OutWidth - ox) - row;
            window.MoveTo(g, line);
            chains.AddLine(input, outputGradient + (nint)row * g.OutChannels, window, g, ox, count, step);
            row += count;
        }
        var sums = stackalloc Vector512<T>[8] { chains.A00, chains.A01, chains.A10, chains.A11, chains.A20, chains.A21, chains.A30, chains.A31 };
        for (int i = 0; i < 4 && k + i <= last; i++)
        for (int j = 0; j < 2 && v + j < vectors; j++)
        {
            T* to = target + (k + i) * g.OutChannels + (v + j) * lanes;
            (add ? Vector512.Load(to) + sums[2 * i + j] : sums[2 * i + j]).Store(to);
        }
    }

    /// <summary>The eight chains of <see cref="ChainsOverRows"/>: window values K0 … K3 times dY's vectors at At0 and At1.</summary>
    private struct EightChains<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int K0, K1, K2, K3, At0, At1;
        public Vector512<T> A00, A01, A10, A11, A20, A21, A30, A31;

        /// <summary>Adds pixels ox … ox + count − 1 of one line, whose dY rows start at <paramref name="dy"/>. The sums are held
        /// in registers for the line: the loop over a line inside the image calls nothing (with the padded lines' call in the
        /// same method the JIT stored every sum to the stack after each multiply-add, eight stores a row: conv1's kernel
        /// gradient took 1,067 µs a batch in the convolution benchmark against 331 now, Zen 5), and a line touching the
        /// padding goes to <see cref="AddPaddedLine"/>.</summary>
        public void AddLine(T* input, T* dy, in LineWindow window, in ConvGeometry g, int ox, int count, int step)
        {
            if (!(window.LineInside(g, K0) && window.LineInside(g, K1) && window.LineInside(g, K2) && window.LineInside(g, K3)))
            {
                AddPaddedLine(input, dy, window, g, ox, count, step);
                return;
            }
            Vector512<T> a00 = A00, a01 = A01, a10 = A10, a11 = A11, a20 = A20, a21 = A21, a30 = A30, a31 = A31;
            T* x0 = input + window.Start[K0] + ox * step, x1 = input + window.Start[K1] + ox * step;
            T* x2 = input + window.Start[K2] + ox * step, x3 = input + window.Start[K3] + ox * step;
            T* d0At = dy + At0, d1At = dy + At1;
            int rowStride = g.OutChannels;
            for (int i = 0; i < count; i++, d0At += rowStride, d1At += rowStride)
            {
                var d0 = Vector512.Load(d0At);
                var d1 = Vector512.Load(d1At);
                var x = Vector512.Create(x0[i * step]);
                a00 = MultiplyAdd(x, d0, a00);
                a01 = MultiplyAdd(x, d1, a01);
                x = Vector512.Create(x1[i * step]);
                a10 = MultiplyAdd(x, d0, a10);
                a11 = MultiplyAdd(x, d1, a11);
                x = Vector512.Create(x2[i * step]);
                a20 = MultiplyAdd(x, d0, a20);
                a21 = MultiplyAdd(x, d1, a21);
                x = Vector512.Create(x3[i * step]);
                a30 = MultiplyAdd(x, d0, a30);
                a31 = MultiplyAdd(x, d1, a31);
            }
            A00 = a00; A01 = a01; A10 = a10; A11 = a11; A20 = a20; A21 = a21; A30 = a30; A31 = a31;
        }

        /// <summary>As <see cref="AddLine"/> for a line touching the padding: window values there are zeros, as im2col copies them.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private void AddPaddedLine(T* input, T* dy, in LineWindow window, in ConvGeometry g, int ox, int count, int step)
        {
            for (int i = 0; i < count; i++, dy += g.OutChannels)
            {
                var d0 = Vector512.Load(dy + At0);
                var d1 = Vector512.Load(dy + At1);
                var x = Value(input, window, g, K0, ox + i, step);
                A00 = MultiplyAdd(x, d0, A00);
                A01 = MultiplyAdd(x, d1, A01);
                x = Value(input, window, g, K1, ox + i, step);
                A10 = MultiplyAdd(x, d0, A10);
                A11 = MultiplyAdd(x, d1, A11);
                x = Value(input, window, g, K2, ox + i, step);
                A20 = MultiplyAdd(x, d0, A20);
                A21 = MultiplyAdd(x, d1, A21);
                x = Value(input, window, g, K3, ox + i, step);
                A30 = MultiplyAdd(x, d0, A30);
                A31 = MultiplyAdd(x, d1, A31);
            }
        }
    }

    /// <summary>Window value k of pixel ox of the window's line, broadcast: zero in the padding, as im2col copies it.</summary>
    private static Vector512<T> Value<T>(T* input, in LineWindow window, in ConvGeometry g, int k, int ox, int step)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        window.Inside(g, k, ox) ? Vector512.Create(input[window.Start[k] + ox * step]) : Vector512<T>.Zero;

    /// <summary>Stores one output vector (channels <paramref name="channel"/> on) at <paramref name="to"/>, through max(· + bias, 0) when fused.</summary>
    private static void Store<T>(Vector512<T> sum, T* bias, T* to, int channel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bias != null) sum = Vector512.Max(sum + Vector512.Load(bias + channel), Vector512<T>.Zero);
        sum.Store(to);
    }

    /// <summary>Marks a window value whose row lies in the padding.</summary>
    private const int Outside = int.MinValue;

    /// <summary>Where the window values of one output line (image n, output row oy) start: value k of pixel ox sits at
    /// Start[k] + ox·stride·Cin when its column x = Column[k] + ox·stride lies inside the image, and in the padding otherwise
    /// (or for every ox when Start[k] is <see cref="Outside"/>).</summary>
    private struct LineWindow
    {
        public fixed int Start[MaximumDepth];
        public fixed int Column[MaximumDepth];

        /// <summary>Each window value's kernel row ky, and its offset kx·Cin + c within the window's row.</summary>
        private fixed int _row[MaximumDepth];
        private fixed int _offset[MaximumDepth];

        public LineWindow(in ConvGeometry g)
        {
            for (int k = 0; k < g.Depth; k++)
            {
                int kx = k / g.InChannels % g.KernelWidth;
                Column[k] = kx - g.PadLeft;
                _row[k] = k / (g.InChannels * g.KernelWidth);
                _offset[k] = (kx - g.PadLeft) * g.InChannels + k % g.InChannels;
            }
        }

        public void MoveTo(in ConvGeometry g, int line)
        {
            int n = line / g.OutHeight, top = (line - n * g.OutHeight) * g.StrideHeight - g.PadTop;
            for (int k = 0; k < g.Depth; k++)
            {
                int y = top + _row[k];
                Start[k] = (uint)y < (uint)g.Height ? (n * g.Height + y) * g.Width * g.InChannels + _offset[k] : Outside;
            }
        }

        /// <summary>Whether every window value of pixels ox … ox + <see cref="Block"/> − 1 lies inside the image.</summary>
        public readonly bool BlockInside(in ConvGeometry g, int ox)
        {
            if (ox * g.StrideWidth - g.PadLeft < 0 || (ox + Block - 1) * g.StrideWidth - g.PadLeft + g.KernelWidth > g.Width) return false;
            for (int k = 0; k < g.Depth; k++) if (Start[k] == Outside) return false;
            return true;
        }

        /// <summary>Whether window value k of every pixel of the line lies inside the image.</summary>
        public readonly bool LineInside(in ConvGeometry g, int k) =>
            Start[k] != Outside && Column[k] >= 0 && Column[k] + (g.OutWidth - 1) * g.StrideWidth < g.Width;

        public readonly bool Inside(in ConvGeometry g, int k, int ox) =>
            Start[k] != Outside && (uint)(Column[k] + ox * g.StrideWidth) < (uint)g.Width;
    }

    /// <summary>a·b + c rounded once, as the AVX-512 micro-kernel sums.</summary>
    private static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    private static int Parts(in ConvGeometry geometry, int units) =>
        (long)geometry.Rows * geometry.Depth * geometry.OutChannels < ParallelThreshold ? 1 : Math.Min(units, Engine.Threads);
}
