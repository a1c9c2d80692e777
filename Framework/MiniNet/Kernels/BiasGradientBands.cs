using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>
/// The pre-activation gradient dZ of a layer with a bias, written row by row (one output pixel or example a row, a value
/// per channel), and the bias's gradient dB += Σ dZ over the rows in row order, on several threads with the bits of one:
/// dZ is written in bands of rows; the first band's thread adds its rows to dB as they pass (as does any band that finds
/// every band before it summed), and the calling thread, which writes the last band, then sums the rows still left, rows it
/// mostly wrote itself. (Summing them in bands of channels on two threads instead read rows still dirty in the other core's
/// cache, and was slower.) What a row's dZ is, the caller says: <see cref="IRows{T}"/>.
/// </summary>
internal static unsafe class BiasGradientBands
{
    /// <summary>Where dZ's rows come from.</summary>
    internal interface IRows<T> where T : unmanaged
    {
        /// <summary>Writes dZ's rows [<paramref name="first"/>, <paramref name="last"/>) into <paramref name="dz"/> (the whole
        /// matrix) and, when <paramref name="db"/> is not null, adds each row to it as it is written.</summary>
        void Write(int first, int last, T* dz, T* db);
    }

    /// <summary>dZ's <paramref name="count"/> rows of <paramref name="channels"/> from <paramref name="rows"/>, and
    /// dB += Σ dZ (row order) when <paramref name="db"/> is not null.</summary>
    public static void Run<T, TRows>(in TRows rows, int count, int channels, T* dz, T* db)
        where T : unmanaged, IFloatingPointIeee754<T> where TRows : unmanaged, IRows<T>
    {
        var pass = new Pass<T, TRows> { Rows = rows, Count = count, Dz = dz, Db = db, Parts = KernelWorkers.BandParts(count * channels, count) };
        KernelWorkers.Run(pass.Parts, &Band<T, TRows>, &pass);
        if (db != null && pass.SummedTo < count) AddRows(dz, db, channels, pass.SummedTo, count);
    }

    private struct Pass<T, TRows> where T : unmanaged where TRows : unmanaged
    {
        public TRows Rows;
        public T* Dz, Db;
        public int Count, Parts;

        /// <summary>dB holds the sum over rows [0, SummedTo).</summary>
        public int SummedTo;
    }

    /// <summary>One band of the rows, counted from the last (part 0, the caller's, is the last band); a band whose rows come
    /// next in dB's sum also adds them.</summary>
    private static void Band<T, TRows>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T> where TRows : unmanaged, IRows<T>
    {
        ref var pass = ref *(Pass<T, TRows>*)state;
        var (first, last) = KernelWorkers.Band(pass.Count, pass.Parts, pass.Parts - 1 - part);
        bool sums = pass.Db != null && Volatile.Read(ref pass.SummedTo) == first;
        pass.Rows.Write(first, last, pass.Dz, sums ? pass.Db : null);
        if (sums) Volatile.Write(ref pass.SummedTo, last);
    }

    /// <summary>sums[c] += Σ matrix[r, c] over rows [<paramref name="firstRow"/>, <paramref name="endRow"/>) of
    /// <paramref name="columns"/> values, each column added in row order. Up to four vectors of running sums stay in registers
    /// while the rows go by (through memory each row's add would wait for the last one's store). An <see cref="IRows{T}"/>
    /// may call it for each row as it writes it.</summary>
    internal static void AddRows<T>(T* matrix, T* sums, int columns, int firstRow, int endRow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector.IsHardwareAccelerated ? Vector<T>.Count : 1, c = 0, endColumn = columns;
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
