namespace MiniNet.Data;

// A shuffled dataset made (Dataset.Shuffle), then cut into batches, once before the first epoch.
public sealed partial class ShuffledDataset
{
    internal ShuffledDataset(Dataset source, int seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Seed = seed;
    }

    /// <summary>Batches of <paramref name="size"/> samples, re-shuffled on every enumeration (every epoch).</summary>
    /// <param name="size">Samples per batch; must be positive.</param>
    /// <param name="dropRemainder">Leave out a last batch smaller than <paramref name="size"/>; by default it is kept.</param>
    /// <param name="part">Which examples of each batch this process draws, as PyTorch's <c>DistributedSampler</c> decides:
    /// given a batch's size, the first example of the part (from 0 within the batch) and its length; a batch whose part is
    /// empty is left out. Null (the default) draws whole batches.</param>
    public BatchedDataset Batch(int size, bool dropRemainder = false, Func<int, (int Start, int Length)>? part = null) => new(Source, this, size, dropRemainder, part);
}
