namespace MiniNet.Data;

// Where a run stands in the sequence of epochs, so that a resumed run continues the same shuffled orders.
public sealed partial class BatchedDataset
{
    /// <summary>The 0-based epoch the next enumeration produces; each enumeration advances it by one. Set it to resume a
    /// run: after epochs 0..k-1, set it to k and the shuffled order continues as if the run had not stopped.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative.</exception>
    public int NextEpoch
    {
        get => _nextEpoch;
        set
        {
            if (value < 0)
                throw new ArgumentOutOfRangeException(nameof(value), value, "batch: NextEpoch must be >= 0");
            _nextEpoch = value;
        }
    }

    /// <summary>The shuffle's seed, which fixes every epoch's order; 0 when the batches are in the dataset's order.</summary>
    public int Seed => _shuffle?.Seed ?? 0;

    /// <summary>Whether an epoch was started and not yet enumerated to its end.</summary>
    public bool EpochInProgress { get; private set; }
}
