using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MiniNet.Kernels;

// The direct convolution with its bias, ReLU and 2×2 max pooling done in registers (ConvPoolKernels' forward pass for a
// layer that both fit): no convolution output is stored at all, not even in the L2 buffer the general pair pools from.
public static unsafe partial class ConvDirectKernels
{
    /// <summary>Windows side by side a block computes: eight output pixels on each of the windows' two lines, sixteen sums per
    /// vector of channels in registers.</summary>
    private const int WindowsPerBlock = 4;

    /// <summary>Whether <see cref="ForwardBiasReluMaxPool2x2{T}"/> takes the pair: a layer computed here, pooled in 2×2 windows
    /// side by side (Keras's <c>MaxPooling2D()</c>) that lie inside its output.</summary>
    internal static bool FitsPool2x2<T>(in ConvGeometry conv, in PoolingGeometry pool) where T : unmanaged =>
        Fits<T>(conv) && pool is { PoolHeight: 2, PoolWidth: 2, StrideHeight: 2, StrideWidth: 2, PadTop: 0, PadLeft: 0 }
        && pool.Batch == conv.Batch && pool.Channels == conv.OutChannels && 2 * pool.OutputHeight <= conv.OutHeight && 2 * pool.OutputWidth <= conv.OutWidth;

    /// <summary>
    /// pooled = maxpool₂ₓ₂(max(conv(input, kernel) + bias, 0)) and the maxima's positions, the four values of each window summed
    /// in registers and pooled there. It replaces <see cref="Forward{T}"/> with bias and ReLU into a buffer, then
    /// <see cref="PoolingKernels.MaxPool{T}"/> from it (ConvPoolKernels' general pair, its tests' reference), with the same
    /// arithmetic: each value's sum as <see cref="ForwardBlock{T}"/> sums it, max(· + b, 0), and the pooling's maximum and
    /// position (the first holding the maximum, or the first NaN) in the same order. The same bits, without writing and reading
    /// the convolution's output (5.5 MB a batch for conv1 of the MNIST convnet, four times the pooled output). Arguments are
    /// checked by the caller.
    /// </summary>
    internal static void ForwardBiasReluMaxPool2x2<T>(T* input, T* kernel, T* bias, T* pooled, T* positions, in ConvGeometry conv, in PoolingGeometry pool)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = Parts(conv, pool.Batch * pool.OutputHeight);
        // ConvKernels' pass: its output the pooled values, its partial sums the bias; the positions and the parts aside.
        var pass = new PooledPass<T>(new ConvKernels.Pass<T>(conv, input, kernel, pooled, bias, 0, 0, 0, false, 0, null), pool, positions, parts);
        KernelWorkers.Run(parts, &PooledPart<T>, &pass);
    }

    private readonly struct PooledPass<T>(ConvKernels.Pass<T> pass, PoolingGeometry pool, T* positions, int parts) where T : unmanaged
    {
        public readonly ConvKernels.Pass<T> Pass = pass;
        public readonly PoolingGeometry Pool = pool;
        public readonly T* Positions = positions;

        /// <summary>How many bands of pooled rows the images are cut into.</summary>
        public readonly int Parts = parts;
    }

    private static void PooledPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var pooledPass = ref *(PooledPass<T>*)state;
        ref readonly var pass = ref pooledPass.Pass;
        var g = pass.Geometry;
        var pool = pooledPass.Pool;
        int rows = pool.Batch * pool.OutputHeight, rowLength = pool.OutputWidth * g.OutChannels;
        var (top, bottom) = (new LineWindow(g), new LineWindow(g));
        // Part p pools a fixed band of the images, whatever thread runs it: the band its thread's kernel gradient then reads
        // back (ConvKernels.KernelGradient's groups, in the same order), so on two cores each finds its windows in its own cache.
        var (first, last) = KernelWorkers.Band(rows, pooledPass.Parts, part);
        for (int row = first; row < last; row++)
        {
            // Pooled row i of image n pools output lines 2i and 2i + 1.
            int n = row / pool.OutputHeight, line = n * g.OutHeight + 2 * (row - n * pool.OutputHeight);
            top.MoveTo(g, line);
            bottom.MoveTo(g, line + 1);
            T* p = pass.Output + (nint)row * rowLength, at = pooledPass.Positions + (nint)row * rowLength;
            for (int j = 0; j < pool.OutputWidth;)
            {
                // The row's last windows, fewer than a block, are the last block's: a block moved back over windows
                // already pooled (it writes their values again, the same bits) costs less than windows one by one.
                int block = j + WindowsPerBlock > pool.OutputWidth && j > 0 ? Math.Max(0, pool.OutputWidth - WindowsPerBlock) : j;
                if (block + WindowsPerBlock <= pool.OutputWidth && top.BlockInside(g, 2 * block) && bottom.BlockInside(g, 2 * block))
                {
                    PooledBlock(pass, top, bottom, 2 * block, p + (nint)block * g.OutChannels, at + (nint)block * g.OutChannels);
                    j = block + WindowsPerBlock;
                }
                else
                {
                    PooledWindow(pass, top, bottom, 2 * j, p + (nint)j * g.OutChannels, at + (nint)j * g.OutChannels);
                    j++;
                }
            }
        }
    }

    /// <summary>Four windows side by side, output pixels ox … ox + 7 of both lines, all of whose window values lie inside the
    /// image: per vector of channels, sixteen sums as <see cref="ForwardBlock{T}"/> sums eight, then each window pooled.</summary>
    private static void PooledBlock<T>(in ConvKernels.Pass<T> pass, in LineWindow top, in LineWindow bottom, int ox, T* pooled, T* positions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var g = ref pass.Geometry;
        int lanes = Vector512<T>.Count, depth = g.Depth, outChannels = g.OutChannels, step = g.StrideWidth * g.InChannels;
        for (int c = 0; c < outChannels; c += lanes)
        {
            Vector512<T> t0 = default, t1 = default, t2 = default, t3 = default, t4 = default, t5 = default, t6 = default, t7 = default;
            Vector512<T> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
            T* w = pass.Kernel + c;
            for (int k = 0; k < depth; k++, w += outChannels)
            {
                var weights = Vector512.Load(w);
                AddEight(pass.Input + top.Start[k] + ox * step, step, weights, ref t0, ref t1, ref t2, ref t3, ref t4, ref t5, ref t6, ref t7);
                AddEight(pass.Input + bottom.Start[k] + ox * step, step, weights, ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7);
            }
            var bias = Vector512.Load(pass.Partial + c);
            Pool(t0, t1, b0, b1, bias, pooled + c, positions + c);
            Pool(t2, t3, b2, b3, bias, pooled + outChannels + c, positions + outChannels + c);
            Pool(t4, t5, b4, b5, bias, pooled + 2 * outChannels + c, positions + 2 * outChannels + c);
            Pool(t6, t7, b6, b7, bias, pooled + 3 * outChannels + c, positions + 3 * outChannels + c);
        }
    }

    /// <summary>One window alone (at the image's edges, or past the last block): its four sums as <see cref="ForwardPixel{T}"/>
    /// sums them, padding values as zeros, then pooled.</summary>
    private static void PooledWindow<T>(in ConvKernels.Pass<T> pass, in LineWindow top, in LineWindow bottom, int ox, T* pooled, T* positions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;
        for (int c = 0; c < pass.Geometry.OutChannels; c += lanes)
            Pool(PixelSum(pass, top, ox, c), PixelSum(pass, top, ox + 1, c), PixelSum(pass, bottom, ox, c), PixelSum(pass, bottom, ox + 1, c),
                Vector512.Load(pass.Partial + c), pooled + c, positions + c);
    }

    /// <summary>Output pixel ox's sum for channels <paramref name="c"/> on: Σ_k x(ox, k)·W[k, c…] from zero in window order.</summary>
    private static Vector512<T> PixelSum<T>(in ConvKernels.Pass<T> pass, in LineWindow window, int ox, int c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var g = ref pass.Geometry;
        int step = g.StrideWidth * g.InChannels;
        var sum = Vector512<T>.Zero;
        T* w = pass.Kernel + c;
        for (int k = 0; k < g.Depth; k++, w += g.OutChannels)
        {
            var x = window.Inside(g, k, ox) ? Vector512.Create(pass.Input[window.Start[k] + ox * step]) : Vector512<T>.Zero;
            sum = MultiplyAdd(x, Vector512.Load(w), sum);
        }
        return sum;
    }

    /// <summary>A window's four sums (row-major: top left, top right, bottom left, bottom right) through max(· + b, 0), then
    /// their maximum and its position as <see cref="PoolingKernels.MaxPool{T}"/> finds them: the first value greater than all
    /// before it wins, a NaN counting as greater than any number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // without, the JIT of the samples (no tiering) passes the sums through memory
    private static void Pool<T>(Vector512<T> s0, Vector512<T> s1, Vector512<T> s2, Vector512<T> s3, Vector512<T> bias, T* pooled, T* positions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (max, position) = (Vector512.Max(s0 + bias, Vector512<T>.Zero), Vector512<T>.Zero);
        Next(ref max, ref position, Vector512.Max(s1 + bias, Vector512<T>.Zero), T.One);
        Next(ref max, ref position, Vector512.Max(s2 + bias, Vector512<T>.Zero), T.CreateTruncating(2));
        Next(ref max, ref position, Vector512.Max(s3 + bias, Vector512<T>.Zero), T.CreateTruncating(3));
        max.Store(pooled);
        position.Store(positions);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Next<T>(ref Vector512<T> max, ref Vector512<T> position, Vector512<T> value, T index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var greater = Vector512.GreaterThan(value, max) | Vector512.AndNot(Vector512.IsNaN(value), Vector512.IsNaN(max));
        position = Vector512.ConditionalSelect(greater, Vector512.Create(index), position);
        max = Vector512.Max(max, value);
    }
}
