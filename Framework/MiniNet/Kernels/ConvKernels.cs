using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>
/// 2-D convolution, channels-last (see <see cref="ConvGeometry"/>), as matrix products. The column matrix ("im2col") has one
/// row per output pixel holding the KH·KW·Cin input values its window reads, in (ky, kx, c) order, which is also the order
/// of the kernel's first three axes, so the kernel (KH, KW, Cin, Cout) already is the matrix W (KH·KW·Cin × Cout) and
/// <list type="bullet">
/// <item>forward: Y (N·Ho·Wo × Cout) = cols · W;</item>
/// <item>kernel gradient: dW = colsᵀ · dY;</item>
/// <item>input gradient: dX = col2im(dY · Wᵀ), where col2im adds each column-matrix entry back onto the input value it was
/// copied from (it is im2col's adjoint).</item>
/// </list>
/// </summary>
/// <remarks>
/// The column matrix is never built whole (conv2 of the MNIST convnet would need 7744 × 288 floats, 8.9 MB, far beyond L2):
/// the output rows are cut into chunks whose column-matrix and output rows together hold about <see cref="ChunkElements"/>
/// values (256 KB in float32; 184 rows for conv2, 1592 for conv1), and each chunk is copied into a pooled buffer that stays
/// in the core's L2 cache while the matrix multiply (<see cref="MatMulKernels"/>, the same SIMD GEMM as the dense layers)
/// reads it. An implicit GEMM, packing the GEMM's panels straight from the image, would save that one copy; it would also
/// need a second GEMM driver beside the tuned one. The copy costs about 8% of conv2's forward pass (0.3 of 3.6 ms on one
/// Zen 4 core), because with channels last each kernel row of a window is KW·Cin contiguous values, so im2col is a few
/// long copies per output pixel; that is the price of reusing the GEMM unchanged. A shallow layer (conv1's 3×3 window on one
/// channel) is the exception: its forward pass and kernel gradient read the image in place (<see cref="ConvDirectKernels"/>),
/// with the same arithmetic, so the same bits.
/// <para>
/// Threads claim whole chunks one at a time (forward) or whole groups of images (input gradient, so two threads never add
/// into the same input pixel); the kernel gradient's groups of chunks go in fixed runs, one per thread (each reads back the
/// rows it wrote forward). Each chunk's multiply runs on one thread. The
/// chunks and groups depend on the shape alone, so every output value is computed by the same calls in the same order
/// whatever <see cref="Engine.Threads"/> is and whichever thread runs them: results are bit-identical. The kernel gradient
/// sums over every output pixel; it is cut into the same <see cref="SumGroups"/> groups of chunks (by shape, as
/// <see cref="MatMulKernels"/> cuts deep products into halves), each summed on its own, then added in order.
/// </para>
/// </remarks>
public static unsafe class ConvKernels
{
    /// <summary>Column-matrix plus output values per chunk: 256 KB of float32, a quarter of a Zen 4 core's L2, leaving room
    /// for the GEMM's packed panels. (Counting the output rows matters when Cin is small: conv1's chunks were 930 KB of dY
    /// with the column matrix alone counted, and its kernel gradient ran 2× slower.)</summary>
    private const int ChunkElements = 64 * 1024;

    /// <summary>The fewest output rows in a chunk, so a deep kernel (KH·KW·Cin in the thousands) still gives the GEMM a
    /// tall enough matrix.</summary>
    private const int MinimumChunkRows = 64;

    /// <summary>The kernel gradient's sum over all output pixels is cut into this many groups of consecutive chunks (fewer
    /// if there are fewer chunks), each summed in chunk order by whichever thread claims it, then added in group order: the
    /// cut depends on the shape alone, so the result does not depend on the thread count, and four groups let a thread
    /// that finishes early take over work from one that was preempted.</summary>
    private const int SumGroups = 4;

    /// <summary>Below this many multiply-adds a pass runs on one thread: waking a second costs more than it saves.</summary>
    private const long ParallelThreshold = 1L << 16;

    /// <summary>Output rows per chunk for <paramref name="geometry"/>: a multiple of 8 (the GEMM's micro-tile height), so
    /// only a pass's last chunk has a partial tile.</summary>
    internal static int ChunkRows(in ConvGeometry geometry) =>
        Math.Max(MinimumChunkRows, ChunkElements / Math.Max(geometry.Depth + geometry.OutChannels, 1) / 8 * 8);

    /// <summary>
    /// Copies rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rows"/>) of the column matrix
    /// into <paramref name="columns"/> (<paramref name="rows"/> × KH·KW·Cin, row-major). Row r is output pixel (n, oy, ox)
    /// with r = (n·Ho + oy)·Wo + ox; its value (ky, kx, c) is input[n, oy·sh - padTop + ky, ox·sw - padLeft + kx, c], or
    /// zero where that lies outside the image.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The row range lies outside [0, N·Ho·Wo].</exception>
    /// <exception cref="ArgumentException">A span is shorter than the geometry needs.</exception>
    public static void Im2Col<T>(ReadOnlySpan<T> input, Span<T> columns, in ConvGeometry geometry, int firstRow, int rows)
        where T : unmanaged
    {
        RequireRows(geometry, firstRow, rows);
        RequireLength(input.Length, geometry.InputLength, nameof(input));
        RequireLength(columns.Length, (long)rows * geometry.Depth, nameof(columns));
        int depth = geometry.Depth, lineLength = geometry.KernelWidth * geometry.InChannels, channels = geometry.InChannels;
        fixed (T* image = input, matrix = columns)
        {
            // One output line (image n, output row oy) at a time, kernel row by kernel row: along a line only x moves, and
            // windows wholly inside the image (all but the edges) are one straight copy of KW·Cin values.
            for (int r = 0; r < rows;)
            {
                var start = Window.Of(geometry, firstRow + r);
                int count = Math.Min(geometry.OutWidth - start.OutX, rows - r);
                for (int ky = 0; ky < geometry.KernelHeight; ky++)
                {
                    T* line = matrix + (nint)r * depth + ky * lineLength;
                    int y = start.Y + ky;
                    if ((uint)y >= (uint)geometry.Height)
                    {
                        for (int i = 0; i < count; i++) Clear(line + (nint)i * depth, lineLength);
                        continue;
                    }
                    T* source = image + ((nint)(start.Image * geometry.Height + y) * geometry.Width) * channels;
                    for (int i = 0, x = start.X; i < count; i++, x += geometry.StrideWidth, line += depth)
                    {
                        if (x >= 0 && x + geometry.KernelWidth <= geometry.Width)
                        {
                            Copy(source + (nint)x * channels, line, lineLength);
                            continue;
                        }
                        int first = Math.Clamp(-x, 0, geometry.KernelWidth), end = Math.Clamp(geometry.Width - x, 0, geometry.KernelWidth);
                        int before = first * channels, inside = Math.Max(end - first, 0) * channels;
                        Clear(line, before);
                        if (inside > 0) Copy(source + (nint)(x + first) * channels, line + before, inside);
                        Clear(line + before + inside, lineLength - before - inside);
                    }
                }
                r += count;
            }
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Im2Col{T}"/>: adds each value of <paramref name="columns"/> (rows [<paramref name="firstRow"/>,
    /// <paramref name="firstRow"/> + <paramref name="rows"/>) of the column matrix) onto the input element it would have
    /// been copied from; values that came from the zero padding are dropped. Rows are added in order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The row range lies outside [0, N·Ho·Wo].</exception>
    /// <exception cref="ArgumentException">A span is shorter than the geometry needs.</exception>
    public static void Col2ImAdd<T>(ReadOnlySpan<T> columns, Span<T> input, in ConvGeometry geometry, int firstRow, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireRows(geometry, firstRow, rows);
        RequireLength(input.Length, geometry.InputLength, nameof(input));
        RequireLength(columns.Length, (long)rows * geometry.Depth, nameof(columns));
        int depth = geometry.Depth, lineLength = geometry.KernelWidth * geometry.InChannels, channels = geometry.InChannels;
        fixed (T* image = input, matrix = columns)
        {
            // The same walk as Im2Col, adding instead of copying; padding positions are skipped.
            for (int r = 0; r < rows;)
            {
                var start = Window.Of(geometry, firstRow + r);
                int count = Math.Min(geometry.OutWidth - start.OutX, rows - r);
                for (int ky = 0; ky < geometry.KernelHeight; ky++)
                {
                    int y = start.Y + ky;
                    if ((uint)y >= (uint)geometry.Height) continue;
                    T* line = matrix + (nint)r * depth + ky * lineLength;
                    T* target = image + ((nint)(start.Image * geometry.Height + y) * geometry.Width) * channels;
                    for (int i = 0, x = start.X; i < count; i++, x += geometry.StrideWidth, line += depth)
                    {
                        if (x >= 0 && x + geometry.KernelWidth <= geometry.Width)
                        {
                            Add(line, target + (nint)x * channels, lineLength);
                            continue;
                        }
                        int first = Math.Clamp(-x, 0, geometry.KernelWidth), end = Math.Clamp(geometry.Width - x, 0, geometry.KernelWidth);
                        if (end > first) Add(line + first * channels, target + (nint)(x + first) * channels, (end - first) * channels);
                    }
                }
                r += count;
            }
        }
    }

    /// <summary>The convolution: output (N, Ho, Wo, Cout) = cols(input) · kernel, no bias.</summary>
    /// <param name="input">(N, H, W, Cin).</param>
    /// <param name="kernel">(KH, KW, Cin, Cout).</param>
    /// <param name="output">(N, Ho, Wo, Cout), overwritten.</param>
    /// <param name="geometry">The sizes, strides and padding.</param>
    /// <exception cref="ArgumentException">A span is shorter than the geometry needs.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> kernel, Span<T> output, in ConvGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Forward(input, kernel, output, geometry, biasRelu: false, bias: default);

    /// <summary>
    /// The convolution with its bias and ReLU applied to each chunk of output rows while the chunk is still in cache:
    /// output = max(cols(input) · kernel + bias, 0). Replaces <see cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, in ConvGeometry)"/>
    /// followed by a bias add and a ReLU over the whole output (two more passes and a temporary), with the same arithmetic,
    /// so the same bits.
    /// </summary>
    /// <param name="input">(N, H, W, Cin).</param>
    /// <param name="kernel">(KH, KW, Cin, Cout).</param>
    /// <param name="bias">(Cout), added to every output pixel.</param>
    /// <param name="output">(N, Ho, Wo, Cout), overwritten.</param>
    /// <param name="geometry">The sizes, strides and padding.</param>
    /// <exception cref="ArgumentException">A span is shorter than the geometry needs.</exception>
    public static void ForwardBiasRelu<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> output, in ConvGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireLength(bias.Length, geometry.OutChannels, nameof(bias));
        Forward(input, kernel, output, geometry, biasRelu: true, bias);
    }

    private static void Forward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> kernel, Span<T> output, in ConvGeometry geometry,
        bool biasRelu, ReadOnlySpan<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireValid(geometry);
        RequireLength(input.Length, geometry.InputLength, nameof(input));
        RequireLength(kernel.Length, geometry.KernelLength, nameof(kernel));
        RequireLength(output.Length, geometry.OutputLength, nameof(output));
        int chunkRows = ChunkRows(geometry), chunks = (geometry.Rows + chunkRows - 1) / chunkRows;
        fixed (T* x = input, w = kernel, y = output, b = bias)
        {
            if (ConvDirectKernels.Fits<T>(geometry))
            {
                ConvDirectKernels.Forward(x, w, biasRelu ? b : null, y, geometry);
                return;
            }
            if (ConvWinogradKernels.Fits<T>(geometry))
            {
                ConvWinogradKernels.Forward(x, w, biasRelu ? b : null, y, geometry);
                return;
            }
            int claimed = 0;
            var pass = new Pass<T>(geometry, x, w, y, biasRelu ? b : null, chunkRows, chunks, chunks, accumulate: false, 0, &claimed);
            KernelWorkers.Run(Parts(geometry, chunks), &ForwardPart<T>, &pass);
        }
    }

    /// <summary>
    /// The backward pass of <see cref="ForwardBiasRelu{T}"/> up to the convolution's own: dZ = dY where y &gt; 0 (else 0),
    /// written into <paramref name="preActivationGradient"/>, and dB += dZ summed over the output pixels, with dB's row in
    /// L1. Replaces a ReLU's gradient pass into a cleared buffer and the bias's sum over the rows, with the same arithmetic in
    /// the same order (0 + dY, and each channel's sum over the pixels in row order), so the same bits.
    /// </summary>
    /// <remarks>
    /// On several threads as <see cref="BiasGradientBands"/> cuts it (dZ in bands of rows, dB's sum carried on in row order by
    /// the thread that wrote the last rows): every channel's sum still runs over the pixels in order, so the bits do not depend
    /// on the cut. Cutting by channels was slower, in either pass: two threads writing, or reading, neighbouring cache lines
    /// of every row.
    /// </remarks>
    /// <param name="output">y, the forward pass's output (N, Ho, Wo, Cout).</param>
    /// <param name="outputGradient">dY, shaped like y.</param>
    /// <param name="preActivationGradient">dZ, shaped like y, overwritten.</param>
    /// <param name="biasGradient">dB (Cout), added to; empty when the bias wants no gradient.</param>
    /// <param name="geometry">The sizes.</param>
    /// <exception cref="ArgumentException">A span is shorter than the geometry needs.</exception>
    public static void BiasReluGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> preActivationGradient,
        Span<T> biasGradient, in ConvGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireLength(output.Length, geometry.OutputLength, nameof(output));
        RequireLength(outputGradient.Length, geometry.OutputLength, nameof(outputGradient));
        RequireLength(preActivationGradient.Length, geometry.OutputLength, nameof(preActivationGradient));
        if (!biasGradient.IsEmpty) RequireLength(biasGradient.Length, geometry.OutChannels, nameof(biasGradient));
        fixed (T* y = output, dy = outputGradient, dz = preActivationGradient, db = biasGradient)
            BiasGradientBands.Run(new ReluRows<T>(y, dy, geometry.OutChannels), geometry.Rows, geometry.OutChannels, dz, biasGradient.IsEmpty ? null : db);
    }

    /// <summary>dZ's rows: dY where y &gt; 0, else 0 (0 + dY, the bits of an add into zeros).</summary>
    private readonly struct ReluRows<T>(T* y, T* dy, int channels) : BiasGradientBands.IRows<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Write(int first, int last, T* dz, T* db)
        {
            int vectorEnd = Vector.IsHardwareAccelerated ? channels - channels % Vector<T>.Count : 0;
            for (nint at = (nint)first * channels, end = (nint)last * channels; at < end; at += channels)
            {
                for (int c = 0; c < vectorEnd; c += Vector<T>.Count)
                {
                    var active = Vector.GreaterThan(Vector.Load(y + at + c), Vector<T>.Zero);
                    var gradient = Vector<T>.Zero + Vector.ConditionalSelect(active, Vector.Load(dy + at + c), Vector<T>.Zero);
                    gradient.Store(dz + at + c);
                    if (db != null) (Vector.Load(db + c) + gradient).Store(db + c);
                }
                for (int c = vectorEnd; c < channels; c++)
                {
                    T gradient = T.Zero;
                    if (y[at + c] > T.Zero) gradient += dy[at + c];
                    dz[at + c] = gradient;
                    if (db != null) db[c] += gradient;
                }
            }
        }
    }

    /// <summary>Both gradients of the convolution: dX as <see cref="InputGradient{T}"/> and dW as <see cref="KernelGradient{T}"/>;
    /// an empty span is a gradient nobody wants. A layer that <see cref="ConvWinogradKernels"/> computes gets both from one
    /// pass that shares its transformed output gradient; any other, one pass each.</summary>
    /// <param name="input">x, (N, H, W, Cin).</param>
    /// <param name="kernel">(KH, KW, Cin, Cout).</param>
    /// <param name="outputGradient">dY, (N, Ho, Wo, Cout).</param>
    /// <param name="inputGradient">dX, (N, H, W, Cin), or empty.</param>
    /// <param name="kernelGradient">dW, (KH, KW, Cin, Cout), or empty.</param>
    /// <param name="geometry">The sizes, strides and padding.</param>
    /// <param name="accumulateInput">Add into dX instead of overwriting it.</param>
    /// <param name="accumulateKernel">Add into dW instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A span is shorter than the geometry needs.</exception>
    public static void Gradients<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> kernel, ReadOnlySpan<T> outputGradient, Span<T> inputGradient,
        Span<T> kernelGradient, in ConvGeometry geometry, bool accumulateInput = false, bool accumulateKernel = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool wantsInput = !inputGradient.IsEmpty, wantsKernel = !kernelGradient.IsEmpty;
        if (ConvWinogradKernels.Fits<T>(geometry) && wantsInput && wantsKernel)
        {
            RequireValid(geometry);
            RequireLength(input.Length, geometry.InputLength, nameof(input));
            RequireLength(kernel.Length, geometry.KernelLength, nameof(kernel));
            RequireLength(outputGradient.Length, geometry.OutputLength, nameof(outputGradient));
            RequireLength(inputGradient.Length, geometry.InputLength, nameof(inputGradient));
            RequireLength(kernelGradient.Length, geometry.KernelLength, nameof(kernelGradient));
            fixed (T* x = input, w = kernel, dy = outputGradient, dx = inputGradient, dw = kernelGradient)
                ConvWinogradKernels.Gradients(x, w, dy, dx, dw, geometry, accumulateInput, accumulateKernel);
            return;
        }
        if (wantsInput) InputGradient(outputGradient, kernel, inputGradient, geometry, accumulateInput);
        if (wantsKernel) KernelGradient(input, outputGradient, kernelGradient, geometry, accumulateKernel);
    }

    /// <summary>The input gradient dX = col2im(dY · Wᵀ), written into <paramref name="inputGradient"/> or, with
    /// <paramref name="accumulate"/>, added to it.</summary>
    /// <param name="outputGradient">dY, (N, Ho, Wo, Cout).</param>
    /// <param name="kernel">(KH, KW, Cin, Cout).</param>
    /// <param name="inputGradient">dX, (N, H, W, Cin).</param>
    /// <param name="geometry">The sizes, strides and padding.</param>
    /// <param name="accumulate">Add into dX instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A span is shorter than the geometry needs.</exception>
    public static void InputGradient<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> kernel, Span<T> inputGradient,
        in ConvGeometry geometry, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireValid(geometry);
        RequireLength(outputGradient.Length, geometry.OutputLength, nameof(outputGradient));
        RequireLength(kernel.Length, geometry.KernelLength, nameof(kernel));
        RequireLength(inputGradient.Length, geometry.InputLength, nameof(inputGradient));
        if (ConvWinogradKernels.Fits<T>(geometry))
        {
            fixed (T* dx = inputGradient, w = kernel, dy = outputGradient) ConvWinogradKernels.Gradients(null, w, dy, dx, null, geometry, accumulate, false);
            return;
        }
        int chunkRows = ChunkRows(geometry);
        // Groups of about four chunks' rows, so the sub-chunks are mostly whole multiples of the GEMM's tile, but at least
        // sixteen groups, so two threads get even shares (conv2 at batch 64: 16 groups of 4 images, not 11 of 6).
        int imagesPerGroup = Math.Clamp(4 * chunkRows / Math.Max(geometry.OutPixels, 1), 1, Math.Max(1, (geometry.Batch + 15) / 16));
        int groups = (geometry.Batch + imagesPerGroup - 1) / imagesPerGroup;
        // Wᵀ (Cout × KH·KW·Cin) once, so that each chunk's multiply reads it in place instead of packing its transpose again.
        using var transposed = new PooledBuffer<T>(geometry.KernelLength);
        Transpose(kernel[..geometry.KernelLength], transposed.Span, geometry.Depth, geometry.OutChannels);
        fixed (T* dx = inputGradient, w = transposed.Span, dy = outputGradient)
        {
            int claimed = 0;
            var pass = new Pass<T>(geometry, dx, w, dy, null, chunkRows, 0, groups, accumulate, imagesPerGroup, &claimed);
            KernelWorkers.Run(Parts(geometry, groups), &InputGradientPart<T>, &pass);
        }
    }

    /// <summary>The kernel gradient dW = colsᵀ · dY, written into <paramref name="kernelGradient"/> or, with
    /// <paramref name="accumulate"/>, added to it.</summary>
    /// <param name="input">(N, H, W, Cin).</param>
    /// <param name="outputGradient">dY, (N, Ho, Wo, Cout).</param>
    /// <param name="kernelGradient">dW, (KH, KW, Cin, Cout).</param>
    /// <param name="geometry">The sizes, strides and padding.</param>
    /// <param name="accumulate">Add into dW instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A span is shorter than the geometry needs.</exception>
    public static void KernelGradient<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> kernelGradient,
        in ConvGeometry geometry, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireValid(geometry);
        RequireLength(input.Length, geometry.InputLength, nameof(input));
        RequireLength(outputGradient.Length, geometry.OutputLength, nameof(outputGradient));
        RequireLength(kernelGradient.Length, geometry.KernelLength, nameof(kernelGradient));
        if (ConvWinogradKernels.Fits<T>(geometry))
        {
            fixed (T* x = input, dw = kernelGradient, dy = outputGradient) ConvWinogradKernels.Gradients(x, null, dy, null, dw, geometry, false, accumulate);
            return;
        }
        fixed (T* x = input, dw = kernelGradient, dy = outputGradient) KernelGradient(x, new StoredRows<T>(dy), dw, geometry, accumulate);
    }

    /// <summary>The kernel gradient dW = colsᵀ·dY, with <paramref name="accumulate"/> added to dW, of a layer whose dY is never
    /// stored whole: each chunk's rows of dY are written by <paramref name="rows"/> into a buffer in the core's cache just
    /// before the chunk's product reads them (a fused op's backward pass, <see cref="ConvPoolKernels.BiasAndKernelGradients{T}"/>).
    /// The chunks, groups and sums of <see cref="KernelGradient{T}"/>, so the bits of writing dY whole and then calling it; the
    /// arguments are checked by the caller, and a layer that <see cref="ConvWinogradKernels"/> computes is not taken.</summary>
    internal static void KernelGradientOfWrittenRows<T, TRows>(T* input, in TRows rows, T* kernelGradient, in ConvGeometry geometry, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TRows : unmanaged, BiasGradientBands.IRows<T>
    {
        System.Diagnostics.Debug.Assert(!ConvWinogradKernels.Fits<T>(geometry), "the Winograd kernel gradient reads dY whole");
        KernelGradient(input, new WrittenRows<T, TRows>(rows, geometry.OutChannels), kernelGradient, geometry, accumulate);
    }

    private static void KernelGradient<T, TRows>(T* input, in TRows rows, T* kernelGradient, in ConvGeometry geometry, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TRows : unmanaged, IOutputGradientRows<T>
    {
        var dw = new Span<T>(kernelGradient, geometry.KernelLength);
        int chunkRows = ChunkRows(geometry), chunks = (geometry.Rows + chunkRows - 1) / chunkRows;
        if (chunks == 0)
        {
            if (!accumulate) dw.Clear();
            return;
        }
        int sums = Math.Min(chunks, SumGroups);
        using var partials = new PooledBuffer<T>((sums - 1) * geometry.KernelLength);
        fixed (T* partial = partials.Span)
        {
            int parts = Parts(geometry, sums);
            var pass = new KernelGradientPass<T, TRows>(new Pass<T>(geometry, input, kernelGradient, null, partial, chunkRows, chunks, sums,
                accumulate, 0, null), rows, parts);
            KernelWorkers.Run(parts, &KernelGradientPart<T, TRows>, &pass);
        }
        for (int group = 1; group < sums; group++)
            TensorPrimitives.Add(dw, partials.Span.Slice((group - 1) * geometry.KernelLength, geometry.KernelLength), dw);
    }

    /// <summary>Where the kernel gradient's chunks find dY's rows.</summary>
    private interface IOutputGradientRows<T> where T : unmanaged
    {
        /// <summary>Values of scratch a chunk of <paramref name="count"/> rows needs (none when dY is stored).</summary>
        int ScratchLength(int count);

        /// <summary>dY with rows [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) readable, row r
        /// at the result + r·Cout: the stored matrix, or the rows written into <paramref name="scratch"/>.</summary>
        T* Rows(int first, int count, T* scratch);
    }

    /// <summary>dY stored whole.</summary>
    private readonly struct StoredRows<T>(T* outputGradient) : IOutputGradientRows<T> where T : unmanaged
    {
        public int ScratchLength(int count) => 0;

        public T* Rows(int first, int count, T* scratch) => outputGradient;
    }

    /// <summary>dY's rows written chunk by chunk by a fused op's <see cref="BiasGradientBands.IRows{T}"/>.</summary>
    private readonly struct WrittenRows<T, TRows>(TRows rows, int channels) : IOutputGradientRows<T>
        where T : unmanaged where TRows : unmanaged, BiasGradientBands.IRows<T>
    {
        public int ScratchLength(int count) => count * channels;

        public T* Rows(int first, int count, T* scratch)
        {
            // The matrix's origin, so that row `first` lands at the scratch's start; only rows [first, first + count) are touched.
            T* matrix = scratch - (nint)first * channels;
            rows.Write(first, first + count, matrix, null);
            return matrix;
        }
    }

    private readonly struct KernelGradientPass<T, TRows>(Pass<T> pass, TRows rows, int parts) where T : unmanaged
    {
        public readonly Pass<T> Pass = pass;
        public readonly TRows Rows = rows;
        public readonly int Parts = parts;
    }

    /// <summary>Forward: each chunk's rows of the column matrix, then their rows of the output (then, fused, their bias and ReLU).</summary>
    private static void ForwardPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var pass = ref *(Pass<T>*)state;
        var geometry = pass.Geometry;
        int depth = geometry.Depth, outChannels = geometry.OutChannels;
        var input = new ReadOnlySpan<T>(pass.Input, geometry.InputLength);
        var kernel = new ReadOnlySpan<T>(pass.Kernel, geometry.KernelLength);
        using var buffer = new PooledBuffer<T>(pass.ChunkRows * depth);
        while (pass.TryClaim(out int chunk))
        {
            int row0 = chunk * pass.ChunkRows, rows = Math.Min(pass.ChunkRows, geometry.Rows - row0);
            var columns = buffer.Span[..(rows * depth)];
            Im2Col<T>(input, columns, geometry, row0, rows);
            var output = new Span<T>(pass.Output + (nint)row0 * outChannels, rows * outChannels);
            MatMulKernels.MultiplyOnOneThread<T>(columns, kernel, output, rows, depth, outChannels);
            if (pass.Partial == null) continue;
            AddToEveryRow(output, new ReadOnlySpan<T>(pass.Partial, outChannels));
            TensorPrimitives.Max(output, T.Zero, output);
        }
    }

    /// <summary>rows[r, c] += bias[c] for every row of <paramref name="rows"/> (a whole number of rows as long as the bias),
    /// in one loop rather than a call per row: a conv1 row is 32 values, and a call costs as much as adding them.</summary>
    private static void AddToEveryRow<T>(Span<T> rows, ReadOnlySpan<T> bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = bias.Length, vectorEnd = Vector.IsHardwareAccelerated ? length - length % Vector<T>.Count : 0;
        fixed (T* values = rows, b = bias)
        {
            for (nint at = 0; at < rows.Length; at += length)
            {
                for (int c = 0; c < vectorEnd; c += Vector<T>.Count)
                    (Vector.Load(values + at + c) + Vector.Load(b + c)).Store(values + at + c);
                for (int c = vectorEnd; c < length; c++) values[at + c] += b[c];
            }
        }
    }

    /// <summary>Input gradient: for each group of images, clear its dX (unless accumulating), then chunk by chunk
    /// dcols = dY · Wᵀ and col2im(dcols) added into dX.</summary>
    private static void InputGradientPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly var pass = ref *(Pass<T>*)state;
        var geometry = pass.Geometry;
        int depth = geometry.Depth, outChannels = geometry.OutChannels;
        int imageLength = geometry.Height * geometry.Width * geometry.InChannels;
        var inputGradient = new Span<T>(pass.Input, geometry.InputLength);
        var transposedKernel = new ReadOnlySpan<T>(pass.Kernel, geometry.KernelLength);
        using var buffer = new PooledBuffer<T>(pass.ChunkRows * depth);
        while (pass.TryClaim(out int group))
        {
            int image0 = group * pass.ImagesPerGroup, images = Math.Min(pass.ImagesPerGroup, geometry.Batch - image0);
            if (!pass.Accumulate) inputGradient.Slice(image0 * imageLength, images * imageLength).Clear();
            int groupEnd = (image0 + images) * geometry.OutPixels;
            for (int row0 = image0 * geometry.OutPixels; row0 < groupEnd; row0 += pass.ChunkRows)
            {
                int rows = Math.Min(pass.ChunkRows, groupEnd - row0);
                var columns = buffer.Span[..(rows * depth)];
                MatMulKernels.MultiplyOnOneThread<T>(new ReadOnlySpan<T>(pass.Output + (nint)row0 * outChannels, rows * outChannels),
                    transposedKernel, columns, rows, outChannels, depth);
                Col2ImAdd<T>(columns, inputGradient, geometry, row0, rows);
            }
        }
    }

    /// <summary>Kernel gradient: for each sum group of the part's run, the sum of its chunks' colsᵀ · dY, in chunk order;
    /// group 0's goes into dW itself, group g's into partial g - 1.</summary>
    private static void KernelGradientPart<T, TRows>(void* state, int part)
        where T : unmanaged, IFloatingPointIeee754<T> where TRows : unmanaged, IOutputGradientRows<T>
    {
        ref readonly var kernelGradient = ref *(KernelGradientPass<T, TRows>*)state;
        ref readonly var pass = ref kernelGradient.Pass;
        var geometry = pass.Geometry;
        int depth = geometry.Depth, outChannels = geometry.OutChannels;
        var input = new ReadOnlySpan<T>(pass.Input, geometry.InputLength);
        // A shallow window's products are computed from the image in place, with the same arithmetic (ConvDirectKernels).
        bool direct = ConvDirectKernels.Fits<T>(geometry);
        using var buffer = new PooledBuffer<T>(direct ? 0 : pass.ChunkRows * depth);
        using var rowsBuffer = new PooledBuffer<T>(kernelGradient.Rows.ScratchLength(pass.ChunkRows));
        // Part p sums a fixed run of the groups, so a thread reads the same rows of dY every step (and, for a fused op's
        // rows, the windows its own forward pass wrote): the sums do not depend on which thread runs a part.
        fixed (T* rowsScratch = rowsBuffer.Span)
        for (int group = pass.Units * part / kernelGradient.Parts, last = pass.Units * (part + 1) / kernelGradient.Parts; group < last; group++)
        {
            T* targetAt = group == 0 ? pass.Kernel : pass.Partial + (nint)(group - 1) * geometry.KernelLength;
            var target = new Span<T>(targetAt, geometry.KernelLength);
            int first = pass.Chunks * group / pass.Units, end = pass.Chunks * (group + 1) / pass.Units;
            for (int chunk = first; chunk < end; chunk++)
            {
                int row0 = chunk * pass.ChunkRows, rows = Math.Min(pass.ChunkRows, geometry.Rows - row0);
                bool accumulate = chunk > first || (group == 0 && pass.Accumulate);
                T* dy = kernelGradient.Rows.Rows(row0, rows, rowsScratch);
                if (direct)
                {
                    ConvDirectKernels.KernelGradientOfRows(pass.Input, dy, targetAt, geometry, row0, rows, accumulate);
                    continue;
                }
                var columns = buffer.Span[..(rows * depth)];
                Im2Col<T>(input, columns, geometry, row0, rows);
                MatMulKernels.MultiplyOnOneThread<T>(columns, new ReadOnlySpan<T>(dy + (nint)row0 * outChannels, rows * outChannels),
                    target, depth, rows, outChannels, transposeA: true, accumulate: accumulate);
            }
        }
    }

    /// <summary>How many threads share <paramref name="units"/> units of a pass: up to <see cref="Engine.Threads"/>, one
    /// when the whole pass is too small to repay a second.</summary>
    private static int Parts(in ConvGeometry geometry, int units) =>
        (long)geometry.Rows * geometry.Depth * geometry.OutChannels < ParallelThreshold ? Math.Min(units, 1) : Math.Min(units, Engine.Threads);

    /// <summary>to (columns × rows) = fromᵀ, from stored rows × columns.</summary>
    internal static void Transpose<T>(ReadOnlySpan<T> from, Span<T> to, int rows, int columns)
    {
        for (int i = 0; i < rows; i++)
        for (int j = 0; j < columns; j++)
            to[j * rows + i] = from[i * columns + j];
    }

    // Rows of a 3-wide kernel on one channel are three values: a call to memmove or to a vectorised add per row would cost
    // more than the copy, so short runs are plain loops.
    private const int ShortRun = 16;

    private static void Copy<T>(T* from, T* to, int count) where T : unmanaged
    {
        if (count <= ShortRun) for (int i = 0; i < count; i++) to[i] = from[i];
        else new ReadOnlySpan<T>(from, count).CopyTo(new Span<T>(to, count));
    }

    private static void Clear<T>(T* to, int count) where T : unmanaged
    {
        if (count <= ShortRun) for (int i = 0; i < count; i++) to[i] = default;
        else new Span<T>(to, count).Clear();
    }

    private static void Add<T>(T* from, T* to, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (count <= ShortRun) for (int i = 0; i < count; i++) to[i] += from[i];
        else TensorPrimitives.Add(new ReadOnlySpan<T>(to, count), new ReadOnlySpan<T>(from, count), new Span<T>(to, count));
    }

    private static void RequireRows(in ConvGeometry geometry, int firstRow, int rows)
    {
        RequireValid(geometry);
        if (firstRow < 0 || rows < 0 || (long)firstRow + rows > geometry.Rows)
            throw new ArgumentOutOfRangeException(nameof(rows), $"conv2d: rows [{firstRow}, {(long)firstRow + rows}) lie outside the column matrix's {geometry.Rows} rows");
    }

    /// <summary>Sizes and padding at least 0, kernel and strides at least 1, and every length within an int: what the conv2d op
    /// checks for the user, so here only asserted.</summary>
    private static void RequireValid(in ConvGeometry geometry)
    {
        var g = geometry;
        System.Diagnostics.Debug.Assert(Math.Min(Math.Min(Math.Min(g.Batch, g.Height), Math.Min(g.Width, g.InChannels)), Math.Min(Math.Min(g.OutChannels, g.PadTop), Math.Min(g.PadLeft, Math.Min(g.OutHeight, g.OutWidth)))) >= 0
            && Math.Min(Math.Min(g.KernelHeight, g.KernelWidth), Math.Min(g.StrideHeight, g.StrideWidth)) >= 1
            && !Conv2DGeometryOverflows(g), $"conv2d: invalid geometry {g}");
    }

    /// <summary>Whether a matrix of the convolution (input, output, column matrix or kernel) would hold 2³¹ elements or more.</summary>
    internal static bool Conv2DGeometryOverflows(in ConvGeometry g) =>
        (long)g.Batch * g.Height * g.Width * g.InChannels > int.MaxValue
        || (long)g.Batch * g.OutHeight * g.OutWidth * Math.Max(g.OutChannels, (long)g.KernelHeight * g.KernelWidth * g.InChannels) > int.MaxValue
        || (long)g.KernelHeight * g.KernelWidth * g.InChannels * g.OutChannels > int.MaxValue;

    private static void RequireLength(int length, long needed, string name)
    {
        if (length < needed) throw new ArgumentException($"conv2d: {name} has {length} elements, the geometry needs {needed}", name);
    }

    /// <summary>Where one output pixel's window sits: image n, output row oy and column ox, and the window's top row Y and
    /// left column X in the image (negative in the padding).</summary>
    private readonly struct Window
    {
        public readonly int Image, OutY, OutX, Y, X;

        /// <summary>The window of column-matrix row <paramref name="row"/>, r = (n·Ho + oy)·Wo + ox.</summary>
        public static Window Of(in ConvGeometry geometry, int row) => new(geometry, row);

        private Window(in ConvGeometry geometry, int row)
        {
            Image = row / geometry.OutPixels;
            int pixel = row - Image * geometry.OutPixels;
            OutY = pixel / geometry.OutWidth;
            OutX = pixel - OutY * geometry.OutWidth;
            Y = OutY * geometry.StrideHeight - geometry.PadTop;
            X = OutX * geometry.StrideWidth - geometry.PadLeft;
        }
    }

    /// <summary>One pass's operands and its units of work (chunks, image groups or sum groups; groups of output lines for
    /// <see cref="ConvDirectKernels"/>' forward pass), which the threads claim one
    /// at a time from a shared counter: a thread the system preempts then delays only the unit it holds.</summary>
    internal readonly struct Pass<T>(ConvGeometry geometry, T* input, T* kernel, T* output, T* partial, int chunkRows, int chunks,
        int units, bool accumulate, int imagesPerGroup, int* claimed) where T : unmanaged
    {
        public readonly ConvGeometry Geometry = geometry;

        /// <summary>x, or dX for the input gradient.</summary>
        public readonly T* Input = input;

        /// <summary>W; Wᵀ for the input gradient; dW for the kernel gradient.</summary>
        public readonly T* Kernel = kernel;

        /// <summary>Y, or dY for the input gradient (the kernel gradient finds dY's rows through its <see cref="IOutputGradientRows{T}"/>).</summary>
        public readonly T* Output = output;

        /// <summary>The kernel gradient's partial sums of groups 1, 2, …, one kernel after another; for a forward pass with
        /// bias and ReLU, the bias (null without).</summary>
        public readonly T* Partial = partial;

        public readonly int ChunkRows = chunkRows;
        public readonly int Chunks = chunks;
        public readonly int Units = units;
        public readonly bool Accumulate = accumulate;
        public readonly int ImagesPerGroup = imagesPerGroup;
        private readonly int* _claimed = claimed;

        /// <summary>The next unit nobody has taken, or false when all are taken.</summary>
        public bool TryClaim(out int unit)
        {
            unit = Interlocked.Increment(ref *_claimed) - 1;
            return unit < Units;
        }
    }
}
