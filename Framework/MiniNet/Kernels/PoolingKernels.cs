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
    /// <summary>y[n, i, j, c] = the largest x[n, r, s, c] in window (i, j); padding is ignored. NaN propagates. Also writes,
    /// shaped like y, where the gradient of each output goes (what <see cref="MaxPoolAddGradient{T}"/> reads instead of x and y):
    /// positions[n, i, j, c] = the index, counted in row-major order over the part of the window inside the input, of the first
    /// x equal to the maximum (as TensorFlow routes ties), or of the first NaN when the maximum is NaN.</summary>
    public static void MaxPool<T>(ReadOnlySpan<T> x, Span<T> y, Span<T> positions, PoolingGeometry geometry) where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(Kind.MaxForward, x, positions, y, default, geometry);

    /// <summary>dx[n, r, s, c] += dy[n, i, j, c] at the window position <paramref name="positions"/>[n, i, j, c] that
    /// <see cref="MaxPool{T}"/> recorded. With <paramref name="overwrite"/>, dx starts from zeros instead: each example's part
    /// is written by the thread that computes it, while it is in that core's cache; windows side by side (strides equal to the
    /// pool size) write every position they cover once, the gradient or zero, so only the border they leave is cleared.</summary>
    public static void MaxPoolAddGradient<T>(ReadOnlySpan<T> positions, ReadOnlySpan<T> dy, Span<T> dx, PoolingGeometry geometry, bool overwrite = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(Kind.MaxBackward, default, positions, dy, dx, geometry, overwrite);

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
        public T* X, Positions, Dy, Dx;
        public PoolingGeometry Geometry;
        public int Parts;
        public bool Overwrite;
    }

    // The spans are: (x, positions, y, -) for max forward; (x, -, y, -) for average forward; (-, positions, dy, dx) for max
    // backward; (-, -, dy, dx) for average backward.
    private static void Run<T>(Kind kind, ReadOnlySpan<T> x, ReadOnlySpan<T> positions, ReadOnlySpan<T> outputOrGradient, Span<T> dx, PoolingGeometry geometry,
        bool overwrite = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = geometry;
        long inputs = (long)g.Batch * g.InputExampleLength, outputs = (long)g.Batch * g.OutputExampleLength;
        Require(kind is Kind.MaxForward or Kind.AverageForward, x, inputs, "x");
        Require(kind is Kind.MaxForward or Kind.MaxBackward, positions, outputs, "positions");
        Require(true, outputOrGradient, outputs, kind is Kind.MaxForward or Kind.AverageForward ? "y" : "dy");
        Require(kind is Kind.MaxBackward or Kind.AverageBackward, dx, inputs, "dx");
        long work = Math.Max(inputs, outputs * g.PoolHeight * g.PoolWidth);
        int parts = Math.Min(KernelWorkers.ElementwiseParts((int)Math.Min(work, int.MaxValue)), Math.Max(g.Batch, 1));
        fixed (T* xp = x, pp = positions, op = outputOrGradient, dxp = dx)
        {
            var pooling = new Pooling<T> { Kind = kind, X = xp, Positions = pp, Dy = op, Dx = dxp, Geometry = g, Parts = parts, Overwrite = overwrite };
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
            bool tiled = p.Kind == Kind.MaxBackward && g.StrideHeight == g.PoolHeight && g.StrideWidth == g.PoolWidth;
            if (p.Overwrite && !tiled) new Span<T>(p.Dx + inAt, inLength).Clear();
            switch (p.Kind)
            {
                case Kind.MaxForward:
                    MaxExample(new ReadOnlySpan<T>(p.X + inAt, inLength), new Span<T>(p.Dy + outAt, outLength), new Span<T>(p.Positions + outAt, outLength), g);
                    break;
                case Kind.AverageForward:
                    AverageExample(new ReadOnlySpan<T>(p.X + inAt, inLength), new Span<T>(p.Dy + outAt, outLength), g);
                    break;
                case Kind.MaxBackward:
                    MaxGradientExample(new ReadOnlySpan<T>(p.Positions + outAt, outLength), new ReadOnlySpan<T>(p.Dy + outAt, outLength),
                        new Span<T>(p.Dx + inAt, inLength), g, write: p.Overwrite && tiled);
                    break;
                default:
                    AverageGradientExample(new ReadOnlySpan<T>(p.Dy + outAt, outLength), new Span<T>(p.Dx + inAt, inLength), g);
                    break;
            }
        }
    }

    // One pass over each window finds the maximum and where the gradient goes. That is the first position in row-major order
    // holding a value equal to the maximum, or the first NaN: the position of the last value greater than everything before it
    // (a NaN counting as greater than any number), as no value between it and the end can then equal the maximum without
    // exceeding it. The maxima are Vector.Max's and T.Max's (IEEE 754 maximum: NaN propagates, +0 above -0), which give the
    // bits TensorPrimitives.Max gives.
    private static void MaxExample<T>(ReadOnlySpan<T> x, Span<T> y, Span<T> positions, PoolingGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = g.Channels;
        ref T x0 = ref MemoryMarshal.GetReference(x);
        for (int i = 0; i < g.OutputHeight; i++)
        {
            var (r0, r1) = g.Rows(i);
            for (int j = 0; j < g.OutputWidth; j++)
            {
                var (c0, c1) = g.Columns(j);
                int outAt = (i * g.OutputWidth + j) * channels, k = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    for (; k <= channels - Vector<T>.Count; k += Vector<T>.Count)
                    {
                        var (max, position) = (Vector.LoadUnsafe(ref x0, (nuint)((r0 * g.Width + c0) * channels + k)), Vector<T>.Zero);
                        int index = 0;
                        for (int r = r0; r < r1; r++)
                            for (int c = c0; c < c1; c++, index++)
                            {
                                var value = Vector.LoadUnsafe(ref x0, (nuint)((r * g.Width + c) * channels + k));
                                var isNaN = Vector.OnesComplement(Vector.Equals(value, value));
                                var greater = Vector.GreaterThan(value, max) | Vector.AndNot(isNaN, Vector.OnesComplement(Vector.Equals(max, max)));
                                position = Vector.ConditionalSelect(greater, new Vector<T>(T.CreateTruncating(index)), position);
                                max = Vector.Max(max, value);
                            }
                        max.StoreUnsafe(ref MemoryMarshal.GetReference(y), (nuint)(outAt + k));
                        position.StoreUnsafe(ref MemoryMarshal.GetReference(positions), (nuint)(outAt + k));
                    }
                }
                for (; k < channels; k++)
                {
                    var (max, position) = (x[(r0 * g.Width + c0) * channels + k], 0);
                    int index = 0;
                    for (int r = r0; r < r1; r++)
                        for (int c = c0; c < c1; c++, index++)
                        {
                            T value = x[(r * g.Width + c) * channels + k];
                            if (value > max || T.IsNaN(value) && !T.IsNaN(max)) position = index;
                            max = T.Max(max, value);
                        }
                    (y[outAt + k], positions[outAt + k]) = (max, T.CreateTruncating(position));
                }
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

    // dx at each window position += dy where the position is the recorded one, else += 0. With write (windows side by side,
    // a fresh buffer), dx = 0 + (dy there, else 0) instead, the same bits as adding into zeros (+0 + -0 is +0), and the
    // border no window covers is cleared.
    private static void MaxGradientExample<T>(ReadOnlySpan<T> positions, ReadOnlySpan<T> dy, Span<T> dx, PoolingGeometry g, bool write)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = g.Channels;
        ref T dx0 = ref MemoryMarshal.GetReference(dx);
        if (write) ClearUncovered(dx, g);
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
                    for (; k <= channels - Vector<T>.Count; k += Vector<T>.Count)
                    {
                        var position = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(positions), (nuint)(outAt + k));
                        var gradient = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(dy), (nuint)(outAt + k));
                        int index = 0;
                        for (int r = r0; r < r1; r++)
                            for (int c = c0; c < c1; c++, index++)
                            {
                                nuint at = (nuint)((r * g.Width + c) * channels + k);
                                var routed = Vector.ConditionalSelect(Vector.Equals(position, new Vector<T>(T.CreateTruncating(index))), gradient, Vector<T>.Zero);
                                ((write ? Vector<T>.Zero : Vector.LoadUnsafe(ref dx0, at)) + routed).StoreUnsafe(ref dx0, at);
                            }
                    }
                }
                for (; k < channels; k++)
                {
                    T position = positions[outAt + k];
                    int index = 0;
                    for (int r = r0; r < r1; r++)
                        for (int c = c0; c < c1; c++, index++)
                        {
                            int at = (r * g.Width + c) * channels + k;
                            if (position == T.CreateTruncating(index)) dx[at] = (write ? T.Zero : dx[at]) + dy[outAt + k];
                            else if (write) dx[at] = T.Zero;
                        }
                }
            }
        }
    }

    // Zeros the rows above and below the windows, and the columns left and right of them in the rows between.
    private static void ClearUncovered<T>(Span<T> dx, PoolingGeometry g) where T : unmanaged
    {
        int row = g.Width * g.Channels;
        var (top, bottom) = (g.Rows(0).Start, g.Rows(g.OutputHeight - 1).End);
        var (left, right) = (g.Columns(0).Start, g.Columns(g.OutputWidth - 1).End);
        dx[..(top * row)].Clear();
        dx[(bottom * row)..].Clear();
        for (int r = top; r < bottom; r++)
        {
            dx.Slice(r * row, left * g.Channels).Clear();
            dx.Slice(r * row + right * g.Channels, (g.Width - right) * g.Channels).Clear();
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
