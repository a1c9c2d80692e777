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
        Move(sequence, heads, toHeads: true, add ? Write.Add : Write.Copy);

    /// <summary>sequence[b, t, slice, h, :] = heads[b, h, t, :], or += when <paramref name="add"/>.</summary>
    public void ToSequence<T>(ReadOnlySpan<T> heads, Span<T> sequence, bool add) where T : unmanaged, IFloatingPointIeee754<T> =>
        Move(heads, sequence, toHeads: false, add ? Write.Add : Write.Copy);

    /// <summary>heads = 0 + sequence[b, t, slice, h, :]: the bits <see cref="ToHeads"/> adds into zeros, written over
    /// whatever <paramref name="heads"/> held (a gradient buffer nothing has reached yet).</summary>
    public void ToClearedHeads<T>(ReadOnlySpan<T> sequence, Span<T> heads) where T : unmanaged, IFloatingPointIeee754<T> =>
        Move(sequence, heads, toHeads: true, Write.AddToCleared);

    /// <summary>sequence[b, t, slice, h, :] = 0 + heads[b, h, t, :] and the other slices' columns 0: the bits
    /// <see cref="ToSequence"/> adds into zeros, written over whatever <paramref name="sequence"/> held.</summary>
    public void ToClearedSequence<T>(ReadOnlySpan<T> heads, Span<T> sequence) where T : unmanaged, IFloatingPointIeee754<T> =>
        Move(heads, sequence, toHeads: false, Write.AddToCleared);

    /// <summary>How the moved rows land: copied, added, or added to zeros that are never read (the destination is cleared
    /// as it is written).</summary>
    private enum Write { Copy, Add, AddToCleared }

    private unsafe void Move<T>(ReadOnlySpan<T> from, Span<T> to, bool toHeads, Write write) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* source = from, destination = to)
        {
            // A copy reads and writes each element, an add reads two: that is the work the threshold for a second thread weighs.
            var pass = new Pass<T> { Layout = this, From = source, FromLength = from.Length, To = destination, ToLength = to.Length, ToHeads = toHeads, Write = write };
            pass.Parts = KernelWorkers.BandParts((write == Write.Add ? 3 : 2) * Batch * Heads * Time * HeadWidth, Batch);
            KernelWorkers.Run(pass.Parts, &MovePart<T>, &pass);
        }
    }

    private unsafe struct Pass<T> where T : unmanaged
    {
        public HeadsLayout Layout;
        public T* From, To;
        public int FromLength, ToLength, Parts;
        public bool ToHeads;
        public Write Write;
    }

    private static unsafe void MovePart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var pass = ref *(Pass<T>*)state;
        var (start, end) = KernelWorkers.Band(pass.Layout.Batch, pass.Parts, part);
        if (pass.Write == Write.AddToCleared && !pass.ToHeads) pass.Layout.ClearOtherSlices(new Span<T>(pass.To, pass.ToLength), start, end);
        pass.Layout.MoveSequences(pass.From, pass.To, pass.ToHeads, pass.Write, start, end);
    }

    /// <summary>Moves the rows of sequences [<paramref name="start"/>, <paramref name="end"/>): each sequence's rows are its
    /// own in both layouts.</summary>
    private unsafe void MoveSequences<T>(T* from, T* to, bool toHeads, Write write, int start, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int b = start; b < end; b++)
        for (int h = 0; h < Heads; h++)
        {
            long headsRows = (long)(b * Heads + h) * Time * HeadWidth, sequenceRows = (long)b * Time * Features + (Part * Heads + h) * HeadWidth;
            T* source = from + (toHeads ? sequenceRows : headsRows), destination = to + (toHeads ? headsRows : sequenceRows);
            int sourceStride = toHeads ? Features : HeadWidth, destinationStride = toHeads ? HeadWidth : Features;
            for (int t = 0; t < Time; t++) MoveRow(source + (long)t * sourceStride, destination + (long)t * destinationStride, HeadWidth, write);
        }
    }

    /// <summary>destination = source, += source, or = 0 + source (-0 becomes +0, as in an add to zeros): a head's row is a
    /// few vectors, too short for a call to memmove or TensorPrimitives to pay off.</summary>
    private static unsafe void MoveRow<T>(T* source, T* destination, int length, Write write) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
            for (; j <= length - Vector<T>.Count; j += Vector<T>.Count)
            {
                var value = Vector.Load(source + j);
                if (write != Write.Copy) value = (write == Write.Add ? Vector.Load(destination + j) : Vector<T>.Zero) + value;
                value.Store(destination + j);
            }
        for (; j < length; j++)
            destination[j] = write == Write.Copy ? source[j] : (write == Write.Add ? destination[j] : T.Zero) + source[j];
    }

    /// <summary>Zeros the columns of sequences [<paramref name="start"/>, <paramref name="end"/>) outside this slice.</summary>
    private void ClearOtherSlices<T>(Span<T> sequence, int start, int end) where T : unmanaged
    {
        int sliceStart = Part * Heads * HeadWidth, sliceEnd = sliceStart + Heads * HeadWidth;
        for (int row = start * Time; row < end * Time; row++)
        {
            var columns = sequence.Slice(row * Features, Features);
            columns[..sliceStart].Clear();
            columns[sliceEnd..].Clear();
        }
    }
}
