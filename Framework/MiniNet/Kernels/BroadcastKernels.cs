using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>A kernel over two rows of equal length writing a third: y[i] = f(a[i], b[i]).</summary>
public delegate void RowKernel<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y);

/// <summary>Element-wise binary operations with NumPy broadcasting, and the reverse: summing a broadcast result back to an operand's shape.
/// When the operands' rows repeat (<see cref="RowBroadcast.Period"/>: a residual, a bias, a position table) a large pass is
/// split across <see cref="Engine.Threads"/> threads: the result in bands of rows, a sum in bands of columns, each column
/// summed over the rows in order, so no split changes a bit. Interpreted (<see cref="Engine.Interpreted"/>), every pass
/// takes the row loop.</summary>
public static unsafe class BroadcastKernels
{
    /// <summary>Writes y = f(a, b) for a result of <paramref name="resultShape"/>, broadcasting each operand row by row.</summary>
    public static void Binary<T>(ReadOnlySpan<T> a, ReadOnlySpan<int> aShape, ReadOnlySpan<T> b, ReadOnlySpan<int> bShape,
        Span<T> y, ReadOnlySpan<int> resultShape, RowKernel<T> kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Operands shaped like the result (a residual) repeat after all their rows: the banded pass, with no mapping to plan.
        if (resultShape.Length > 0 && y.Length > 0 && aShape.SequenceEqual(resultShape) && bShape.SequenceEqual(resultShape) && !Engine.Interpreted)
        {
            int rows = y.Length / resultShape[^1];
            BinaryRepeating(a, rows, b, rows, y, rows, resultShape[^1], kernel);
            return;
        }
        var aRows = RowBroadcast.For(resultShape, aShape);
        var bRows = RowBroadcast.For(resultShape, bShape);
        int length = aRows.RowLength;
        if (y.Length == 0) return;
        // Interpreted (the browser), the banded pass's vectors and hand-offs cost more than they save: the row loop below.
        if (aRows.Period > 0 && bRows.Period > 0 && !Engine.Interpreted)
        {
            BinaryRepeating(a, aRows.Period, b, bRows.Period, y, aRows.Rows, length, kernel);
            return;
        }
        T[]? aScratch = aRows.FullRows ? null : ArrayPool<T>.Shared.Rent(length);
        T[]? bScratch = bRows.FullRows ? null : ArrayPool<T>.Shared.Rent(length);
        int aFilled = -1, bFilled = -1;
        for (int row = 0; row < aRows.Rows; row++)
        {
            var aRow = RowOf(a, aRows, row, aScratch, length, ref aFilled);
            var bRow = RowOf(b, bRows, row, bScratch, length, ref bFilled);
            kernel(aRow, bRow, y.Slice(row * length, length));
        }
        if (aScratch != null) ArrayPool<T>.Shared.Return(aScratch);
        if (bScratch != null) ArrayPool<T>.Shared.Return(bScratch);
    }

    /// <summary>Adds <paramref name="source"/> (of <paramref name="sourceShape"/>) into <paramref name="target"/>, summing over every
    /// dimension along which <paramref name="targetShape"/> was broadcast to <paramref name="sourceShape"/>.</summary>
    public static void SumToShapeAdd<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> sourceShape, Span<T> target, ReadOnlySpan<int> targetShape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rows = RowBroadcast.For(sourceShape, targetShape);
        int length = rows.RowLength;
        if (source.Length == 0) return;
        if (rows.Period > 0 && !Engine.Interpreted)
        {
            SumRepeatingAdd(source, target, rows.Period, rows.Rows, length);
            return;
        }
        for (int row = 0; row < rows.Rows; row++)
        {
            var sourceRow = source.Slice(row * length, length);
            int offset = rows.Offset(row);
            if (rows.FullRows)
            {
                var targetRow = target.Slice(offset, length);
                TensorPrimitives.Add(targetRow, sourceRow, targetRow);
            }
            else
            {
                target[offset] += TensorPrimitives.Sum(sourceRow);
            }
        }
    }

    private struct Pass<T> where T : unmanaged
    {
        public T* A, B, Y;
        public int APeriod, BPeriod, Rows, Length, Parts;
        public nint Kernel;
    }

    private static void BinaryRepeating<T>(ReadOnlySpan<T> a, int aPeriod, ReadOnlySpan<T> b, int bPeriod, Span<T> y, int rows, int length,
        RowKernel<T> kernel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* aData = a, bData = b, yData = y)
        {
            var pass = new Pass<T>
            {
                A = aData, B = bData, Y = yData, APeriod = aPeriod, BPeriod = bPeriod, Rows = rows, Length = length,
                Parts = KernelWorkers.BandParts(y.Length, rows),
            };
            if (pass.Parts == 1)
            {
                BinaryRows(ref pass, 0, rows, kernel);
                return;
            }
            // The kernel is a delegate, an object the workers reach through a handle.
            var handle = new GCHandle<RowKernel<T>>(kernel);
            try
            {
                pass.Kernel = GCHandle<RowKernel<T>>.ToIntPtr(handle);
                KernelWorkers.Run(pass.Parts, &BinaryPart<T>, &pass);
            }
            finally
            {
                handle.Dispose();
            }
        }
    }

    private static void BinaryPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Rows, pass.Parts, part);
        BinaryRows(ref pass, start, end, GCHandle<RowKernel<T>>.FromIntPtr(pass.Kernel).Target);
    }

    /// <summary>Rows [<paramref name="start"/>, <paramref name="end"/>), in runs of rows that lie end to end in both operands
    /// (a whole band of a residual, a sequence of a position table): the kernel is element-wise, so a run is one call instead
    /// of a call per row. A run stays within <see cref="RunElements"/>, as a larger span would have TensorPrimitives store
    /// past the cache, where the next op reads it.</summary>
    private static void BinaryRows<T>(ref Pass<T> pass, int start, int end, RowKernel<T> kernel) where T : unmanaged
    {
        int length = pass.Length, longest = Math.Max(1, RunElements / Math.Max(length, 1));
        for (int row = start; row < end;)
        {
            int run = Math.Min(Math.Min(end - row, longest), Math.Min(pass.APeriod - row % pass.APeriod, pass.BPeriod - row % pass.BPeriod));
            int count = run * length;
            kernel(new ReadOnlySpan<T>(pass.A + (long)(row % pass.APeriod) * length, count),
                new ReadOnlySpan<T>(pass.B + (long)(row % pass.BPeriod) * length, count), new Span<T>(pass.Y + (long)row * length, count));
            row += run;
        }
    }

    /// <summary>The most elements one kernel call of <see cref="BinaryRows"/> covers: 64 KB of float32.</summary>
    private const int RunElements = 16 * 1024;

    /// <summary>target row (r mod period) += source row r for every row r, in bands of columns.</summary>
    private static void SumRepeatingAdd<T>(ReadOnlySpan<T> source, Span<T> target, int period, int rows, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* sourceData = source, targetData = target)
        {
            var pass = new Pass<T>
            {
                A = sourceData, Y = targetData, APeriod = period, Rows = rows, Length = length,
                Parts = KernelWorkers.ColumnParts(source.Length, length),
            };
            KernelWorkers.Run(pass.Parts, &SumPart<T>, &pass);
        }
    }

    /// <summary>Sums a band of columns, one target row at a time over its repeats in row order, a block of rows at a time: a
    /// few vectors of running sums stay in registers while the block's rows go by (a call per row and band costs more than its
    /// adds), and between blocks on this thread's stack, so two threads do not keep writing the cache line at their bands'
    /// edge. Each element's sum is still taken in row order.</summary>
    private static void SumPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.ColumnBand(pass.Length, pass.Parts, part);
        int columns = end - start, period = pass.APeriod;
        long stride = (long)period * pass.Length;
        Span<T> local = columns <= KernelWorkers.StackColumns ? stackalloc T[columns] : default;
        for (int targetRow = 0; targetRow < period; targetRow++)
        {
            var target = new Span<T>(pass.Y + (long)targetRow * pass.Length + start, columns);
            var sums = local.IsEmpty ? target : local;
            target.CopyTo(sums);
            T* rows = pass.A + (long)targetRow * pass.Length + start, last = pass.A + (long)pass.Rows * pass.Length;
            fixed (T* sum = sums)
                for (T* block = rows; block < last; block += RowBlock * stride)
                    AddRows(block, Math.Min(RowBlock, (int)((last - block + stride - 1) / stride)), stride, sum, columns);
            sums.CopyTo(target);
        }
    }

    /// <summary>Rows summed per visit of the running sums: a block of a band stays in the core's first-level cache.</summary>
    private const int RowBlock = 32;

    /// <summary>sums[j] += rows[i·stride + j] for i in [0, count), j in [0, columns), each sum in row order.</summary>
    private static void AddRows<T>(T* rows, int count, long stride, T* sums, int columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* last = rows + count * stride;
        int j = 0, width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= columns - 4 * width; j += 4 * width)
            {
                Vector<T> s0 = Vector.Load(sums + j), s1 = Vector.Load(sums + j + width), s2 = Vector.Load(sums + j + 2 * width), s3 = Vector.Load(sums + j + 3 * width);
                for (T* row = rows + j; row < last; row += stride)
                    (s0, s1, s2, s3) = (s0 + Vector.Load(row), s1 + Vector.Load(row + width), s2 + Vector.Load(row + 2 * width), s3 + Vector.Load(row + 3 * width));
                s0.Store(sums + j); s1.Store(sums + j + width); s2.Store(sums + j + 2 * width); s3.Store(sums + j + 3 * width);
            }
            for (; j <= columns - width; j += width)
            {
                var sum = Vector.Load(sums + j);
                for (T* row = rows + j; row < last; row += stride) sum += Vector.Load(row);
                sum.Store(sums + j);
            }
        }
        for (; j < columns; j++)
        {
            T sum = sums[j];
            for (T* row = rows + j; row < last; row += stride) sum += *row;
            sums[j] = sum;
        }
    }

    private static ReadOnlySpan<T> RowOf<T>(ReadOnlySpan<T> data, RowBroadcast rows, int row, T[]? scratch, int length, ref int filledFrom)
    {
        int offset = rows.Offset(row);
        if (scratch == null) return data.Slice(offset, length);
        if (filledFrom != offset)
        {
            scratch.AsSpan(0, length).Fill(data[offset]);
            filledFrom = offset;
        }
        return scratch.AsSpan(0, length);
    }
}
