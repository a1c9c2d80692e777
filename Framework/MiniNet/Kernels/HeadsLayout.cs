using System.Numerics;

namespace MiniNet.Kernels;

/// <summary>
/// Where attention's heads live in two layouts: a sequence (batch, time, features), in which head h of slice
/// <see cref="Part"/> is the D columns from (Part·Heads + h)·D, and the heads layout (batch, heads, time, D) the batched
/// matrix products read. Moving between them copies (or adds) whole D-long rows.
/// </summary>
/// <param name="Batch">Sequences in the batch.</param>
/// <param name="Heads">Heads per slice.</param>
/// <param name="Time">Positions per sequence.</param>
/// <param name="HeadWidth">D, each head's width.</param>
/// <param name="Features">The sequence layout's row width (parts · heads · D).</param>
/// <param name="Part">Which slice of the features the heads come from (0 for q, 1 for k, 2 for v of a fused projection).</param>
public readonly record struct HeadsLayout(int Batch, int Heads, int Time, int HeadWidth, int Features, int Part)
{
    /// <summary>heads[b, h, t, :] = sequence[b, t, slice, h, :], or += when <paramref name="add"/>.</summary>
    public void ToHeads<T>(ReadOnlySpan<T> sequence, Span<T> heads, bool add) where T : unmanaged, IFloatingPointIeee754<T> =>
        Move(sequence, heads, toHeads: true, add);

    /// <summary>sequence[b, t, slice, h, :] = heads[b, h, t, :], or += when <paramref name="add"/>.</summary>
    public void ToSequence<T>(ReadOnlySpan<T> heads, Span<T> sequence, bool add) where T : unmanaged, IFloatingPointIeee754<T> =>
        Move(heads, sequence, toHeads: false, add);

    private unsafe void Move<T>(ReadOnlySpan<T> from, Span<T> to, bool toHeads, bool add) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* source = from, destination = to)
        {
            // A copy reads and writes each element, an add reads two: that is the work the threshold for a second thread weighs.
            var pass = new Pass<T> { Layout = this, From = source, FromLength = from.Length, To = destination, ToLength = to.Length, ToHeads = toHeads, Add = add };
            pass.Parts = KernelWorkers.BandParts((add ? 3 : 2) * Batch * Heads * Time * HeadWidth, Batch);
            KernelWorkers.Run(pass.Parts, &MovePart<T>, &pass);
        }
    }

    private unsafe struct Pass<T> where T : unmanaged
    {
        public HeadsLayout Layout;
        public T* From, To;
        public int FromLength, ToLength, Parts;
        public bool ToHeads, Add;
    }

    private static unsafe void MovePart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Layout.Batch, pass.Parts, part);
        pass.Layout.MoveSequences(new ReadOnlySpan<T>(pass.From, pass.FromLength), new Span<T>(pass.To, pass.ToLength), pass.ToHeads, pass.Add, start, end);
    }

    /// <summary>Moves the rows of sequences [<paramref name="start"/>, <paramref name="end"/>): each sequence's rows are its
    /// own in both layouts.</summary>
    private void MoveSequences<T>(ReadOnlySpan<T> from, Span<T> to, bool toHeads, bool add, int start, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int b = start; b < end; b++)
        for (int h = 0; h < Heads; h++)
        for (int t = 0; t < Time; t++)
        {
            int headsRow = ((b * Heads + h) * Time + t) * HeadWidth, sequenceRow = (b * Time + t) * Features + (Part * Heads + h) * HeadWidth;
            var source = from.Slice(toHeads ? sequenceRow : headsRow, HeadWidth);
            var destination = to.Slice(toHeads ? headsRow : sequenceRow, HeadWidth);
            if (add) AddRow(source, destination);
            else source.CopyTo(destination);
        }
    }

    /// <summary>destination += source: a head's row is a few vectors, too short for TensorPrimitives' per-call cost.</summary>
    private static void AddRow<T>(ReadOnlySpan<T> source, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
            for (; j <= source.Length - Vector<T>.Count; j += Vector<T>.Count)
                (new Vector<T>(destination[j..]) + new Vector<T>(source[j..])).CopyTo(destination[j..]);
        for (; j < source.Length; j++) destination[j] += source[j];
    }
}
