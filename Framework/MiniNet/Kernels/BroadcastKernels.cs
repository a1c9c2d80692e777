using System.Buffers;
using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Kernels;

/// <summary>A kernel over two rows of equal length writing a third: y[i] = f(a[i], b[i]).</summary>
public delegate void RowKernel<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y);

/// <summary>Element-wise binary operations with NumPy broadcasting, and the reverse: summing a broadcast result back to an operand's shape.</summary>
public static class BroadcastKernels
{
    /// <summary>Writes y = f(a, b) for a result of <paramref name="resultShape"/>, broadcasting each operand row by row.</summary>
    public static void Binary<T>(ReadOnlySpan<T> a, ReadOnlySpan<int> aShape, ReadOnlySpan<T> b, ReadOnlySpan<int> bShape,
        Span<T> y, ReadOnlySpan<int> resultShape, RowKernel<T> kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var aRows = new RowBroadcast(resultShape, aShape);
        var bRows = new RowBroadcast(resultShape, bShape);
        int length = aRows.RowLength;
        if (y.Length == 0) return;
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
        var rows = new RowBroadcast(sourceShape, targetShape);
        int length = rows.RowLength;
        if (source.Length == 0) return;
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
