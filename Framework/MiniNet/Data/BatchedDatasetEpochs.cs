namespace MiniNet.Data;

// A batched dataset made, once before the first epoch, with the part of each batch this process draws; how many batches an
// epoch has, and which epoch comes next: what Fit reads, and a resumed run sets, once before its first step, and what a
// checkpoint of a hand-written loop records (TrainingPosition.Of, which also reads EpochInProgress).
public sealed partial class BatchedDataset
{
    internal BatchedDataset(Dataset source, ShuffledDataset? shuffle, int size, bool dropRemainder, Func<int, (int Start, int Length)>? part = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (size <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "batch: size must be positive");
        _source = source;
        _shuffle = shuffle;
        BatchSize = size;
        DropRemainder = dropRemainder;
        Part = part;
    }

    /// <summary>Which examples of a batch of a given size this process draws (start within the batch, length), or null for
    /// whole batches; a batch whose part is empty is left out.</summary>
    public Func<int, (int Start, int Length)>? Part { get; }

    /// <summary>The number of batches per epoch, without those whose <see cref="Part"/> is empty.</summary>
    public int Count
    {
        get
        {
            int remainder = _source.Count % BatchSize;
            bool lastKept = remainder > 0 && !DropRemainder && PartOf(remainder).Length > 0;
            return PartOf(BatchSize).Length > 0 ? _source.Count / BatchSize + (lastKept ? 1 : 0) : 0;
        }
    }

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
