using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>Column sums down a row-major matrix in row order, for one band of columns: what a bias's gradient (the sum of
/// the pre-activation gradient over the rows) needs when its rows are cut between threads by columns instead.</summary>
internal static unsafe class ColumnSums
{
    /// <summary>sums[c] += Σ matrix[r, c] over rows [<paramref name="firstRow"/>, <paramref name="endRow"/>), each column added
    /// in row order, for columns [<paramref name="firstColumn"/>, <paramref name="endColumn"/>) of rows of
    /// <paramref name="columns"/>. Up to four vectors of running sums stay in registers while the rows go by (through memory
    /// each row's add would wait for the last one's store); only the band's own sums are written, at the end, so neighbouring
    /// bands need not start on a cache line.</summary>
    public static void AddRows<T>(T* matrix, T* sums, int columns, int firstRow, int endRow, int firstColumn, int endColumn)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector.IsHardwareAccelerated ? Vector<T>.Count : 1, c = firstColumn;
        nint stride = columns, start = firstRow * stride, end = endRow * stride;
        for (; c <= endColumn - 4 * width && width > 1; c += 4 * width)
        {
            var (s0, s1, s2, s3) = (Vector.Load(sums + c), Vector.Load(sums + c + width), Vector.Load(sums + c + 2 * width), Vector.Load(sums + c + 3 * width));
            for (T* row = matrix + start + c, stop = matrix + end + c; row < stop; row += stride)
            {
                s0 += Vector.Load(row);
                s1 += Vector.Load(row + width);
                s2 += Vector.Load(row + 2 * width);
                s3 += Vector.Load(row + 3 * width);
            }
            s0.Store(sums + c);
            s1.Store(sums + c + width);
            s2.Store(sums + c + 2 * width);
            s3.Store(sums + c + 3 * width);
        }
        for (; c <= endColumn - width && width > 1; c += width)
        {
            var sum = Vector.Load(sums + c);
            for (T* row = matrix + start + c, stop = matrix + end + c; row < stop; row += stride) sum += Vector.Load(row);
            sum.Store(sums + c);
        }
        for (; c < endColumn; c++)
        {
            T sum = sums[c];
            for (T* row = matrix + start + c, stop = matrix + end + c; row < stop; row += stride) sum += *row;
            sums[c] = sum;
        }
    }
}
