using System.Numerics;
using System.Runtime.InteropServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// 2-D max and average pooling over channels-last batches (see <see cref="PoolingGeometry"/>), forward and backward. In
/// channels-last layout one window position is a contiguous run of all the channels, so every loop runs along the channels
/// with whole vectors. A large batch is split across threads by examples: each example is pooled by exactly the same
/// instructions whichever thread runs it, and no two threads write the same element, so results do not depend on
/// <see cref="Engine.Threads"/>.
/// </summary>
public static unsafe class PoolingKernels
{
    /// <summary>y[n, i, j, c] = the largest x[n, r, s, c] in window (i, j); padding is ignored. NaN propagates.</summary>
    public static void MaxPool<T>(ReadOnlySpan<T> x, Span<T> y, PoolingGeometry geometry) where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(Kind.MaxForward, x, default, y, default, geometry);

    /// <summary>dx[n, r, s, c] += dy[n, i, j, c] at the first position (r, s) in row-major window order where x equals the
    /// window's maximum y[n, i, j, c] (as TensorFlow routes ties); a NaN maximum goes to the first NaN. With
    /// <paramref name="overwrite"/>, dx starts from zeros instead: each example's part is cleared by the thread that then
    /// adds into it, while it is in that core's cache (a fresh gradient buffer needs no clearing pass of its own).</summary>
    public static void MaxPoolAddGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, PoolingGeometry geometry,
        bool overwrite = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(Kind.MaxBackward, x, y, dy, dx, geometry, overwrite);

    /// <summary>y[n, i, j, c] = the mean of x[n, r, s, c] over the part of window (i, j) inside the input (padding is not
    /// counted, as TensorFlow's <c>same</c> average pooling).</summary>
    public static void AveragePool<T>(ReadOnlySpan<T> x, Span<T> y, PoolingGeometry geometry) where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(Kind.AverageForward, x, default, y, default, geometry);

    /// <summary>dx[n, r, s, c] += dy[n, i, j, c] / count for every window (i, j) covering (r, s), count being the number of
    /// input positions in that window. With <paramref name="overwrite"/>, dx starts from zeros instead, as in
    /// <see cref="MaxPoolAddGradient{T}"/>.</summary>
    public static void AveragePoolAddGradient<T>(ReadOnlySpan<T> dy, Span<T> dx, PoolingGeometry geometry, bool overwrite = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(Kind.AverageBackward, default, default, dy, dx, geometry, overwrite);

    private enum Kind { MaxForward, MaxBackward, AverageForward, AverageBackward }

    private struct Pooling<T> where T : unmanaged
    {
        public Kind Kind;
        public T* X, Y, Dy, Dx;
        public PoolingGeometry Geometry;
        public int Parts;
        public bool Overwrite;
    }

    // The spans are: (x, -, y, -) forward; (x, y, dy, dx) for max backward; (-, -, dy, dx) for average backward.
    private static void Run<T>(Kind kind, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> outputOrGradient, Span<T> dx, PoolingGeometry geometry,
        bool overwrite = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = geometry;
        long inputs = (long)g.Batch * g.InputExampleLength, outputs = (long)g.Batch * g.OutputExampleLength;
        Require(kind != Kind.AverageBackward, x, inputs, "x");
        Require(kind == Kind.MaxBackward, y, outputs, "y");
        Require(true, outputOrGradient, outputs, kind is Kind.MaxForward or Kind.AverageForward ? "y" : "dy");
        Require(kind is Kind.MaxBackward or Kind.AverageBackward, dx, inputs, "dx");
        long work = Math.Max(inputs, outputs * g.PoolHeight * g.PoolWidth);
        int parts = Math.Min(KernelWorkers.ElementwiseParts((int)Math.Min(work, int.MaxValue)), Math.Max(g.Batch, 1));
        fixed (T* xp = x, yp = y, op = outputOrGradient, dxp = dx)
        {
            var pooling = new Pooling<T> { Kind = kind, X = xp, Y = yp, Dy = op, Dx = dxp, Geometry = g, Parts = parts, Overwrite = overwrite };
            if (parts <= 1) RunPart<T>(&pooling, 0);
            else KernelWorkers.Run(parts, &RunPart<T>, &pooling);
        }
    }

    private static void Require<T>(bool used, ReadOnlySpan<T> span, long length, string name)
    {
        if (used && span.Length != length)
            throw new ArgumentException($"pooling: {name} has {span.Length} elements but the geometry needs {length}", name);
    }

    private static void RunPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var p = ref *(Pooling<T>*)state;
        var g = p.Geometry;
        int first = (int)((long)g.Batch * part / p.Parts), last = (int)((long)g.Batch * (part + 1) / p.Parts);
        int inLength = g.InputExampleLength, outLength = g.OutputExampleLength;
        for (int n = first; n < last; n++)
        {
            nint inAt = (nint)n * inLength, outAt = (nint)n * outLength;
            if (p.Overwrite) new Span<T>(p.Dx + inAt, inLength).Clear();
            switch (p.Kind)
            {
                case Kind.MaxForward:
                    MaxExample(new ReadOnlySpan<T>(p.X + inAt, inLength), new Span<T>(p.Dy + outAt, outLength), g);
                    break;
                case Kind.AverageForward:
                    AverageExample(new ReadOnlySpan<T>(p.X + inAt, inLength), new Span<T>(p.Dy + outAt, outLength), g);
                    break;
                case Kind.MaxBackward:
                    MaxGradientExample(new ReadOnlySpan<T>(p.X + inAt, inLength), new ReadOnlySpan<T>(p.Y + outAt, outLength),
                        new ReadOnlySpan<T>(p.Dy + outAt, outLength), new Span<T>(p.Dx + inAt, inLength), g);
                    break;
                default:
                    AverageGradientExample(new ReadOnlySpan<T>(p.Dy + outAt, outLength), new Span<T>(p.Dx + inAt, inLength), g);
                    break;
            }
        }
    }

    private static void MaxExample<T>(ReadOnlySpan<T> x, Span<T> y, PoolingGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = g.Channels;
        for (int i = 0; i < g.OutputHeight; i++)
        {
            var (r0, r1) = g.Rows(i);
            for (int j = 0; j < g.OutputWidth; j++)
            {
                var (c0, c1) = g.Columns(j);
                var target = y.Slice((i * g.OutputWidth + j) * channels, channels);
                x.Slice((r0 * g.Width + c0) * channels, channels).CopyTo(target);
                for (int r = r0; r < r1; r++)
                    for (int c = r == r0 ? c0 + 1 : c0; c < c1; c++)
                        TensorPrimitives.Max(target, x.Slice((r * g.Width + c) * channels, channels), target);
            }
        }
    }

    private static void AverageExample<T>(ReadOnlySpan<T> x, Span<T> y, PoolingGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = g.Channels;
        for (int i = 0; i < g.OutputHeight; i++)
        {
            var (r0, r1) = g.Rows(i);
            for (int j = 0; j < g.OutputWidth; j++)
            {
                var (c0, c1) = g.Columns(j);
                var target = y.Slice((i * g.OutputWidth + j) * channels, channels);
                target.Clear();
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++)
                        TensorPrimitives.Add(target, x.Slice((r * g.Width + c) * channels, channels), target);
                TensorPrimitives.Divide(target, T.CreateTruncating((r1 - r0) * (c1 - c0)), target);
            }
        }
    }

    private static void MaxGradientExample<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, PoolingGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = g.Channels;
        ref T x0 = ref MemoryMarshal.GetReference(x);
        ref T dx0 = ref MemoryMarshal.GetReference(dx);
        for (int i = 0; i < g.OutputHeight; i++)
        {
            var (r0, r1) = g.Rows(i);
            for (int j = 0; j < g.OutputWidth; j++)
            {
                var (c0, c1) = g.Columns(j);
                int outAt = (i * g.OutputWidth + j) * channels;
                int k = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    // Per lane, "routed" remembers whether an earlier window position already took the gradient.
                    for (; k <= channels - Vector<T>.Count; k += Vector<T>.Count)
                    {
                        var max = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(y), (nuint)(outAt + k));
                        var gradient = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(dy), (nuint)(outAt + k));
                        var maxIsNaN = Vector.OnesComplement(Vector.Equals(max, max));
                        var routed = Vector<T>.Zero;
                        for (int r = r0; r < r1; r++)
                            for (int c = c0; c < c1; c++)
                            {
                                nuint at = (nuint)((r * g.Width + c) * channels + k);
                                var value = Vector.LoadUnsafe(ref x0, at);
                                var isMax = Vector.Equals(value, max) | (maxIsNaN & Vector.OnesComplement(Vector.Equals(value, value)));
                                var take = Vector.AndNot(isMax, routed);
                                (Vector.LoadUnsafe(ref dx0, at) + Vector.ConditionalSelect(take, gradient, Vector<T>.Zero)).StoreUnsafe(ref dx0, at);
                                routed |= isMax;
                            }
                    }
                }
                for (; k < channels; k++)
                {
                    T max = y[outAt + k];
                    for (int r = r0; r < r1; r++)
                        for (int c = c0; c < c1; c++)
                        {
                            int at = (r * g.Width + c) * channels + k;
                            if (x[at] == max || T.IsNaN(max) && T.IsNaN(x[at]))
                            {
                                dx[at] += dy[outAt + k];
                                goto nextChannel;
                            }
                        }
                    nextChannel:;
                }
            }
        }
    }

    private static void AverageGradientExample<T>(ReadOnlySpan<T> dy, Span<T> dx, PoolingGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = g.Channels;
        for (int i = 0; i < g.OutputHeight; i++)
        {
            var (r0, r1) = g.Rows(i);
            for (int j = 0; j < g.OutputWidth; j++)
            {
                var (c0, c1) = g.Columns(j);
                var gradient = dy.Slice((i * g.OutputWidth + j) * channels, channels);
                T share = T.One / T.CreateTruncating((r1 - r0) * (c1 - c0));
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++)
                    {
                        var target = dx.Slice((r * g.Width + c) * channels, channels);
                        TensorPrimitives.MultiplyAdd(gradient, share, target, target);
                    }
            }
        }
    }
}
