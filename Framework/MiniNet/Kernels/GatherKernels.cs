namespace MiniNet.Kernels;

/// <summary>Copies rows picked by index out of a row-major matrix: how a batch is cut from a shuffled dataset.</summary>
public static unsafe class GatherKernels
{
    /// <summary>Copies row <paramref name="rows"/>[i] of <paramref name="source"/> (rows of <paramref name="columns"/> floats)
    /// into row i of <paramref name="destination"/>.</summary>
    /// <remarks>A large batch is split across threads by bands of whole rows, each row one run of memory the hardware's
    /// prefetcher follows to its end; bands of columns would cut every row short (on two cores, halves of the columns gathered
    /// slower than one thread, halves of the rows faster: BENCHMARKS, "The batch gathered by rows").</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside <paramref name="source"/>, or
    /// <paramref name="columns"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the gathered rows.</exception>
    public static void GatherRows(ReadOnlySpan<float> source, int columns, ReadOnlySpan<int> rows, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (destination.Length < (long)rows.Length * columns)
            throw new ArgumentException($"gather: destination has {destination.Length} elements, {rows.Length} rows of {columns} need {(long)rows.Length * columns}", nameof(destination));
        int sourceRows = columns == 0 ? int.MaxValue : source.Length / columns;
        foreach (int row in rows)
            if ((uint)row >= (uint)sourceRows)
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"gather: row {row} is outside the source's {sourceRows} rows");
        int parts = KernelWorkers.BandParts(rows.Length * columns, rows.Length);
        fixed (float* from = source, to = destination)
        fixed (int* indices = rows)
        {
            var gather = new Gather { Source = from, Destination = to, Rows = indices, Count = rows.Length, Columns = columns, Parts = parts };
            if (parts <= 1) GatherPart(&gather, 0);
            else KernelWorkers.Run(parts, &GatherPart, &gather);
        }
    }

    private struct Gather
    {
        public float* Source, Destination;
        public int* Rows;
        public int Count, Columns, Parts;
    }

    /// <summary>How many rows ahead of the one being copied are fetched into the cache. A shuffled batch's rows are scattered
    /// over a dataset larger than the core's cache, and the hardware's prefetcher only learns each row after its first misses;
    /// asking for a row's lines while the rows before it are copied lets the memory work on several rows at once.</summary>
    private const int RowsAhead = 3;

    private static void GatherPart(void* state, int part)
    {
        ref var g = ref *(Gather*)state;
        var (first, last) = KernelWorkers.Band(g.Count, g.Parts, part);
        for (int i = first; i < Math.Min(first + RowsAhead, last); i++) CacheLines.Prefetch(g.Source + (nint)g.Rows[i] * g.Columns, g.Columns);
        for (int i = first; i < last; i++)
        {
            if (i + RowsAhead < last) CacheLines.Prefetch(g.Source + (nint)g.Rows[i + RowsAhead] * g.Columns, g.Columns);
            new ReadOnlySpan<float>(g.Source + (nint)g.Rows[i] * g.Columns, g.Columns)
                .CopyTo(new Span<float>(g.Destination + (nint)i * g.Columns, g.Columns));
        }
    }

}
