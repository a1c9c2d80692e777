using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>
/// A convolution with bias and ReLU followed by non-overlapping max pooling, as one pass each way: the kernels of
/// <see cref="ConvKernels.ForwardBiasRelu{T}"/> then <see cref="PoolingKernels.MaxPool{T}"/>, and of
/// <see cref="PoolingKernels.MaxPoolAddGradient{T}"/> then <see cref="ConvKernels.BiasReluGradient{T}"/>, which stay the
/// reference its tests compare against. Forward, a few images at a time are convolved into a buffer that stays in the core's
/// L2 cache and pooled from there, so the convolution's output (for the MNIST convnet's first layer 5.5 MB a batch, four
/// times the pooled output) is never written to memory nor read back; a layer the direct convolution computes, pooled in 2×2
/// windows, is pooled in registers (<see cref="ConvDirectKernels.FitsPool2x2{T}"/>). Backward needs no output either: where a
/// window's maximum was (the recorded position), y &gt; 0 exactly when the pooled value is, so dZ = dP there if the pooled
/// value is positive and 0 everywhere else, written in one walk with the bias gradient, instead of the pooling's gradient
/// written whole and then read again with y; for a first layer (no dX wanted) dZ is never whole at all
/// (<see cref="BiasAndKernelGradients{T}"/>). The same arithmetic in the same order, so the same bits as the four passes.
/// </summary>
public static unsafe class ConvPoolKernels
{
    /// <summary>Convolution outputs a unit of images aims at: 64 K values (256 KB of float32), a quarter of a Zen 4 core's L2.</summary>
    private const int UnitElements = 64 * 1024;

    /// <summary>Whether the pair is computed here: windows side by side (strides equal to the pool size, no padding) over the
    /// convolution's output, and a convolution that <see cref="ConvDirectKernels"/> or <see cref="ConvWinogradKernels"/>
    /// computes, whose output values do not depend on how many images one call gets, so convolving a few at a time gives
    /// the bits of the whole batch.</summary>
    public static bool Fits<T>(in ConvGeometry conv, in PoolingGeometry pool) where T : unmanaged =>
        pool.StrideHeight == pool.PoolHeight && pool.StrideWidth == pool.PoolWidth && pool.PadTop == 0 && pool.PadLeft == 0
        && pool.Batch == conv.Batch && pool.Height == conv.OutHeight && pool.Width == conv.OutWidth && pool.Channels == conv.OutChannels
        && (ConvDirectKernels.Fits<T>(conv) || ConvWinogradKernels.Fits<T>(conv));

    /// <summary>pooled = maxpool(max(conv(input, kernel) + bias, 0)), with the maxima's positions as
    /// <see cref="PoolingKernels.MaxPool{T}"/> records them.</summary>
    /// <param name="input">(N, H, W, Cin).</param>
    /// <param name="kernel">(KH, KW, Cin, Cout).</param>
    /// <param name="bias">(Cout).</param>
    /// <param name="pooled">(N, Hp, Wp, Cout), overwritten.</param>
    /// <param name="positions">Shaped like <paramref name="pooled"/>, overwritten.</param>
    /// <param name="conv">The convolution's sizes.</param>
    /// <param name="pool">The pooling's sizes, over the convolution's output.</param>
    /// <exception cref="ArgumentException">The pair does not fit (<see cref="Fits{T}"/>), or a span is shorter than the sizes need.</exception>
    public static void ForwardBiasReluMaxPool<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> pooled,
        Span<T> positions, in ConvGeometry conv, in PoolingGeometry pool)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Require<T>(conv, pool);
        RequireLength(input.Length, conv.InputLength, nameof(input));
        RequireLength(kernel.Length, conv.KernelLength, nameof(kernel));
        RequireLength(bias.Length, conv.OutChannels, nameof(bias));
        RequireLength(pooled.Length, (long)pool.Batch * pool.OutputExampleLength, nameof(pooled));
        RequireLength(positions.Length, (long)pool.Batch * pool.OutputExampleLength, nameof(positions));
        if (ConvDirectKernels.FitsPool2x2<T>(conv, pool))
        {
            fixed (T* x = input, w = kernel, b = bias, p = pooled, at = positions) ConvDirectKernels.ForwardBiasReluMaxPool2x2(x, w, b, p, at, conv, pool);
            return;
        }
        int imageOutputs = conv.OutPixels * conv.OutChannels, images = Math.Max(1, UnitElements / Math.Max(imageOutputs, 1));
        int units = (conv.Batch + images - 1) / images, claimed = 0;
        fixed (T* x = input, w = kernel, b = bias, p = pooled, at = positions)
        {
            var pass = new Pass<T>
            {
                Conv = conv, Pool = pool, Input = x, Kernel = w, Bias = b, Pooled = p, Positions = at, ImagesPerUnit = images,
                Units = units, Claimed = &claimed,
            };
            KernelWorkers.Run(Math.Min(units, Engine.Threads), &ForwardPart<T>, &pass);
        }
    }

    /// <summary>The backward pass up to the convolution's own gradients: dZ (shaped like the convolution's output) = dP at
    /// each window's recorded maximum where the pooled value is positive, else 0; and dB += Σ dZ over the output pixels, in
    /// their order. Replaces the pooling's gradient written into a cleared dY and then dZ = dY·[y &gt; 0] with dB summed
    /// (<see cref="ConvKernels.BiasReluGradient{T}"/>), with the same additions in the same order: the same bits.</summary>
    /// <remarks>On several threads as <see cref="BiasGradientBands"/> cuts it: every channel's sum still runs over the pixels
    /// in order.</remarks>
    /// <param name="pooled">P, the forward pass's output (N, Hp, Wp, Cout).</param>
    /// <param name="positions">Where each window's maximum was.</param>
    /// <param name="pooledGradient">dP, shaped like P.</param>
    /// <param name="preActivationGradient">dZ, (N, Ho, Wo, Cout), overwritten.</param>
    /// <param name="biasGradient">dB (Cout), added to; empty when the bias wants no gradient.</param>
    /// <param name="conv">The convolution's sizes.</param>
    /// <param name="pool">The pooling's sizes.</param>
    /// <exception cref="ArgumentException">The pair does not fit, or a span is shorter than the sizes need.</exception>
    public static void MaxPoolBiasReluGradient<T>(ReadOnlySpan<T> pooled, ReadOnlySpan<T> positions, ReadOnlySpan<T> pooledGradient,
        Span<T> preActivationGradient, Span<T> biasGradient, in ConvGeometry conv, in PoolingGeometry pool)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Require<T>(conv, pool);
        long pooledLength = (long)pool.Batch * pool.OutputExampleLength;
        RequireLength(pooled.Length, pooledLength, nameof(pooled));
        RequireLength(positions.Length, pooledLength, nameof(positions));
        RequireLength(pooledGradient.Length, pooledLength, nameof(pooledGradient));
        RequireLength(preActivationGradient.Length, conv.OutputLength, nameof(preActivationGradient));
        if (!biasGradient.IsEmpty) RequireLength(biasGradient.Length, conv.OutChannels, nameof(biasGradient));
        fixed (T* p = pooled, at = positions, dp = pooledGradient, dz = preActivationGradient, db = biasGradient)
            BiasGradientBands.Run(new PooledRows<T>(conv, pool, p, at, dp), conv.Rows, conv.OutChannels, dz, biasGradient.IsEmpty ? null : db);
    }

    /// <summary>Whether <see cref="BiasAndKernelGradients{T}"/> takes the layer: a convolution whose kernel gradient is summed
    /// chunk by chunk (<see cref="ConvKernels.KernelGradient{T}"/>), not from a whole transformed dY (Winograd).</summary>
    public static bool BuildsKernelGradientFromWindows<T>(in ConvGeometry conv, in PoolingGeometry pool) where T : unmanaged =>
        Fits<T>(conv, pool) && !ConvWinogradKernels.Fits<T>(conv);

    /// <summary>
    /// The backward pass of a layer whose input wants no gradient (a first layer), without dZ ever written whole: dB += Σ dZ in
    /// row order, summed from the windows (<see cref="AddBiasGradientOfWindows{T}"/>), and dW += colsᵀ·dZ, each chunk's rows of
    /// dZ written into a buffer in the core's cache just before the kernel gradient's product reads them. Replaces
    /// <see cref="MaxPoolBiasReluGradient{T}"/> then <see cref="ConvKernels.KernelGradient{T}"/> adding into dW, which write dZ
    /// (5.5 MB a batch for the MNIST convnet's first layer) and read it back, twice on two threads: the same arithmetic in the
    /// same order, so the same bits.
    /// </summary>
    /// <param name="input">x, (N, H, W, Cin).</param>
    /// <param name="pooled">P, the forward pass's output (N, Hp, Wp, Cout).</param>
    /// <param name="positions">Where each window's maximum was.</param>
    /// <param name="pooledGradient">dP, shaped like P.</param>
    /// <param name="kernelGradient">dW (KH, KW, Cin, Cout), added to; empty when the kernel wants no gradient.</param>
    /// <param name="biasGradient">dB (Cout), added to; empty when the bias wants no gradient.</param>
    /// <param name="conv">The convolution's sizes.</param>
    /// <param name="pool">The pooling's sizes.</param>
    /// <exception cref="ArgumentException">The layer is not one <see cref="BuildsKernelGradientFromWindows{T}"/> takes, or a span
    /// is shorter than the sizes need.</exception>
    public static void BiasAndKernelGradients<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> pooled, ReadOnlySpan<T> positions,
        ReadOnlySpan<T> pooledGradient, Span<T> kernelGradient, Span<T> biasGradient, in ConvGeometry conv, in PoolingGeometry pool)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!BuildsKernelGradientFromWindows<T>(conv, pool))
            throw new ArgumentException($"conv2d_bias_relu_max_pool2d: {conv} is summed from a whole transformed dZ (Winograd), not chunk by chunk", nameof(conv));
        long pooledLength = (long)pool.Batch * pool.OutputExampleLength;
        RequireLength(input.Length, conv.InputLength, nameof(input));
        RequireLength(pooled.Length, pooledLength, nameof(pooled));
        RequireLength(positions.Length, pooledLength, nameof(positions));
        RequireLength(pooledGradient.Length, pooledLength, nameof(pooledGradient));
        if (!kernelGradient.IsEmpty) RequireLength(kernelGradient.Length, conv.KernelLength, nameof(kernelGradient));
        if (!biasGradient.IsEmpty) RequireLength(biasGradient.Length, conv.OutChannels, nameof(biasGradient));
        fixed (T* x = input, p = pooled, at = positions, dp = pooledGradient, dw = kernelGradient, db = biasGradient)
        {
            if (db != null) AddBiasGradientOfWindows(p, at, dp, db, conv, pool);
            if (dw != null) ConvKernels.KernelGradientOfWrittenRows(x, new PooledRows<T>(conv, pool, p, at, dp), dw, conv, accumulate: true);
        }
    }

    /// <summary>dB += Σ dZ over dZ's rows in row order, as <see cref="MaxPoolBiasReluGradient{T}"/> adds it, from the windows
    /// alone. In one output row (image n, window row i, row dy inside the windows) a channel's dZ is dP at the one pixel of
    /// each window where its maximum was, if the pooled value is positive, and zero at every other pixel; so the channel's sum
    /// takes, window after window, dP where the maximum lies on that row and zero otherwise. Adding zero leaves a sum as it is
    /// (−0 aside, which the first addition makes +0 either way), so the other pixels' zeros, left out, change no bit. Up to
    /// four vectors of channels are summed in registers while the windows go by.</summary>
    private static void AddBiasGradientOfWindows<T>(T* pooled, T* positions, T* pooledGradient, T* db, in ConvGeometry conv, in PoolingGeometry pool)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = conv.OutChannels, width = Vector.IsHardwareAccelerated ? Vector<T>.Count : channels + 1;
        nint lineLength = (nint)pool.OutputWidth * channels;
        for (int c = 0; c < channels;)
        {
            // Vectors c, c + width, … (up to four; a vector past the channels stays zero and is not stored), or one channel.
            int vectors = channels - c >= width ? Math.Min(4, (channels - c) / width) : 0;
            if (vectors == 0)
            {
                AddBiasGradientOfChannel(pooled, positions, pooledGradient, db, c, conv, pool);
                c++;
                continue;
            }
            var (s0, s1, s2, s3) = (Vector.Load(db + c), vectors > 1 ? Vector.Load(db + c + width) : default,
                vectors > 2 ? Vector.Load(db + c + 2 * width) : default, vectors > 3 ? Vector.Load(db + c + 3 * width) : default);
            for (int line = 0; line < pool.Batch * pool.OutputHeight; line++)
            for (int dy = 0; dy < pool.PoolHeight; dy++)
            {
                var (low, high) = (new Vector<T>(T.CreateTruncating(dy * pool.PoolWidth)), new Vector<T>(T.CreateTruncating((dy + 1) * pool.PoolWidth)));
                for (nint at = line * lineLength + c, end = at + lineLength; at < end; at += channels)
                {
                    s0 += OnRow(pooled, positions, pooledGradient, at, low, high);
                    if (vectors > 1) s1 += OnRow(pooled, positions, pooledGradient, at + width, low, high);
                    if (vectors > 2) s2 += OnRow(pooled, positions, pooledGradient, at + 2 * width, low, high);
                    if (vectors > 3) s3 += OnRow(pooled, positions, pooledGradient, at + 3 * width, low, high);
                }
            }
            s0.Store(db + c);
            if (vectors > 1) s1.Store(db + c + width);
            if (vectors > 2) s2.Store(db + c + 2 * width);
            if (vectors > 3) s3.Store(db + c + 3 * width);
            c += vectors * width;
        }
    }

    /// <summary>0 + dP of the windows' channels at <paramref name="at"/> whose maximum lies on the row (position in
    /// [<paramref name="low"/>, <paramref name="high"/>)) and whose pooled value is positive; 0 elsewhere.</summary>
    private static Vector<T> OnRow<T>(T* pooled, T* positions, T* pooledGradient, nint at, Vector<T> low, Vector<T> high)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var position = Vector.Load(positions + at);
        var active = Vector.GreaterThanOrEqual(position, low) & Vector.LessThan(position, high) & Vector.GreaterThan(Vector.Load(pooled + at), Vector<T>.Zero);
        return Vector<T>.Zero + Vector.ConditionalSelect(active, Vector.Load(pooledGradient + at), Vector<T>.Zero);
    }

    /// <summary><see cref="AddBiasGradientOfWindows{T}"/> for channel <paramref name="c"/> alone (past the whole vectors).</summary>
    private static void AddBiasGradientOfChannel<T>(T* pooled, T* positions, T* pooledGradient, T* db, int c, in ConvGeometry conv, in PoolingGeometry pool)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = db[c];
        int channels = conv.OutChannels;
        for (int line = 0; line < pool.Batch * pool.OutputHeight; line++)
        for (int dy = 0; dy < pool.PoolHeight; dy++)
        {
            T low = T.CreateTruncating(dy * pool.PoolWidth), high = T.CreateTruncating((dy + 1) * pool.PoolWidth);
            for (nint at = (nint)line * pool.OutputWidth * channels + c, end = at + (nint)pool.OutputWidth * channels; at < end; at += channels)
            {
                T gradient = T.Zero;
                if (positions[at] >= low && positions[at] < high && pooled[at] > T.Zero) gradient += pooledGradient[at];
                sum += gradient;
            }
        }
        db[c] = sum;
    }

    /// <summary>dZ's rows (the convolution's output pixels) from the pooled values, positions and gradient.</summary>
    private readonly struct PooledRows<T>(ConvGeometry conv, PoolingGeometry pool, T* pooled, T* positions, T* pooledGradient)
        : BiasGradientBands.IRows<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Write(int first, int last, T* dz, T* db)
        {
            T* p = pooled, at = positions, dp = pooledGradient;
            int channels = conv.OutChannels, lanes = Vector<T>.Count, vectorEnd = Vector.IsHardwareAccelerated ? channels - channels % lanes : 0;
            int poolWidth = pool.PoolWidth;
            // Output pixel `first` is (n, y, x), in window (i, j) at (dy, dx) inside it; the walk moves x, then y, then n, and
            // the window and the place in it with them (no division per pixel: a row is only a few vectors).
            int n = first / conv.OutPixels, y = first % conv.OutPixels / conv.OutWidth, x = first % conv.OutWidth;
            int i = y / pool.PoolHeight, dy = y - i * pool.PoolHeight, j = x / poolWidth, dx = x - j * poolWidth;
            T* row = dz + (nint)first * channels;
            for (int r = first; r < last; r++, row += channels)
            {
                // Window (i, j) covers output rows [i·PH, i·PH + PH) and columns [j·PW, j·PW + PW); pixels past the last
                // window get no gradient.
                if (i >= pool.OutputHeight || j >= pool.OutputWidth)
                {
                    for (int c = 0; c < vectorEnd; c += lanes)
                    {
                        var zero = Vector<T>.Zero;
                        zero.Store(row + c);
                        if (db != null) (Vector.Load(db + c) + zero).Store(db + c);
                    }
                    for (int c = vectorEnd; c < channels; c++)
                    {
                        row[c] = T.Zero;
                        if (db != null) db[c] += T.Zero;
                    }
                }
                else
                {
                    nint window = ((nint)(n * pool.OutputHeight + i) * pool.OutputWidth + j) * channels;
                    var index = T.CreateTruncating(dy * poolWidth + dx);
                    for (int c = 0; c < vectorEnd; c += lanes)
                    {
                        var active = Vector.Equals(Vector.Load(at + window + c), new Vector<T>(index)) & Vector.GreaterThan(Vector.Load(p + window + c), Vector<T>.Zero);
                        var gradient = Vector<T>.Zero + Vector.ConditionalSelect(active, Vector.Load(dp + window + c), Vector<T>.Zero);
                        gradient.Store(row + c);
                        if (db != null) (Vector.Load(db + c) + gradient).Store(db + c);
                    }
                    for (int c = vectorEnd; c < channels; c++)
                    {
                        T gradient = T.Zero;
                        if (at[window + c] == index && p[window + c] > T.Zero) gradient += dp[window + c];
                        row[c] = gradient;
                        if (db != null) db[c] += gradient;
                    }
                }
                if (++dx == poolWidth) (dx, j) = (0, j + 1);
                if (++x < conv.OutWidth) continue;
                (x, j, dx) = (0, 0, 0);
                if (++dy == pool.PoolHeight) (dy, i) = (0, i + 1);
                if (++y < conv.OutHeight) continue;
                (y, i, dy) = (0, 0, 0);
                n++;
            }
        }
    }

    /// <summary>One unit of images: convolved with bias and ReLU into an L2-sized buffer, then pooled from it.</summary>
    private static void ForwardPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var conv = pass.Conv;
        int imageInputs = conv.Height * conv.Width * conv.InChannels, imageOutputs = conv.OutPixels * conv.OutChannels;
        int imagePooled = pass.Pool.OutputExampleLength;
        using var buffer = new PooledBuffer<T>(pass.ImagesPerUnit * imageOutputs);
        while (pass.TryClaim(out int unit))
        {
            int image0 = unit * pass.ImagesPerUnit, images = Math.Min(pass.ImagesPerUnit, conv.Batch - image0);
            var output = buffer.Span[..(images * imageOutputs)];
            // Inside a part the kernels run on this thread alone (KernelWorkers is busy), as one call on one thread would.
            ConvKernels.ForwardBiasRelu(new ReadOnlySpan<T>(pass.Input + (nint)image0 * imageInputs, images * imageInputs),
                new ReadOnlySpan<T>(pass.Kernel, conv.KernelLength), new ReadOnlySpan<T>(pass.Bias, conv.OutChannels), output,
                conv with { Batch = images });
            PoolingKernels.MaxPool(output, new Span<T>(pass.Pooled + (nint)image0 * imagePooled, images * imagePooled),
                new Span<T>(pass.Positions + (nint)image0 * imagePooled, images * imagePooled), pass.Pool with { Batch = images });
        }
    }

    private static void Require<T>(in ConvGeometry conv, in PoolingGeometry pool) where T : unmanaged
    {
        if (!Fits<T>(conv, pool))
            throw new ArgumentException($"conv2d_bias_relu_max_pool2d: {conv} and {pool} are not a convolution and side-by-side pooling windows over its output that this kernel computes");
    }

    private static void RequireLength(int length, long needed, string name)
    {
        if (length < needed) throw new ArgumentException($"conv2d_bias_relu_max_pool2d: {name} has {length} elements, the sizes need {needed}", name);
    }

    private struct Pass<T> where T : unmanaged
    {
        public ConvGeometry Conv;
        public PoolingGeometry Pool;
        public T* Input, Kernel, Bias, Pooled, Positions;
        public int ImagesPerUnit, Units;
        public int* Claimed;

        /// <summary>The next unit nobody has taken, or false when all are taken.</summary>
        public readonly bool TryClaim(out int unit)
        {
            unit = Interlocked.Increment(ref *Claimed) - 1;
            return unit < Units;
        }
    }
}
