namespace MiniNet.Distributed;

/// <summary>
/// The processes (ranks) of one data-parallel run and the collective operations training needs from them, as PyTorch's
/// <c>ProcessGroup</c>. Every rank calls each operation in the same order with arrays of the same length, and each call
/// returns once all ranks have contributed, with the same result on every rank. <see cref="MpiProcessGroup"/> runs them
/// over MPI.
/// </summary>
public abstract class ProcessGroup
{
    /// <summary>This process's number, from 0.</summary>
    public abstract int Rank { get; }

    /// <summary>How many processes take part.</summary>
    public abstract int Size { get; }

    /// <summary>Whether this is rank 0, the one that alone writes checkpoints, plots and logs.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>All-reduce: writes into <paramref name="sums"/> the elementwise sums of every rank's
    /// <paramref name="values"/>.</summary>
    /// <param name="values">This rank's contribution.</param>
    /// <param name="sums">Receives the sums; as long as <paramref name="values"/>, and not the same array.</param>
    public abstract void Sum(float[] values, float[] sums);

    /// <inheritdoc cref="Sum(float[], float[])"/>
    public abstract void Sum(double[] values, double[] sums);

    /// <summary>All-gather: every rank's <paramref name="values"/>, rank 0's first, in one array of
    /// <see cref="Size"/> × values.Length.</summary>
    public abstract long[] Gather(long[] values);
}
