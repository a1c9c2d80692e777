namespace MiniNet.Distributed;

/// <summary>
/// One worker's part of every batch in data-parallel training. Every worker draws the same shuffled order from the seed and
/// cuts it into the same global batches; worker <see cref="Index"/> of <see cref="Count"/> trains on one contiguous part of
/// each, the parts' sizes differing by at most one, the larger ones first (64 examples on 2 workers: 0–31 and 32–63; 10 on 3:
/// 4, 3 and 3). A global batch with fewer examples than workers, which only the last of an epoch can be, is left out on
/// every worker, so that no part is ever empty. <see cref="DistributedOptimizer.PartOfBatch"/> hands these parts to
/// <c>Fit(..., batchPart:)</c> or <c>ShuffledDataset.Batch(..., part:)</c>.
/// </summary>
public sealed record BatchShard
{
    /// <summary>Worker <paramref name="index"/> (from 0) of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is not positive, or index is not in [0, count).</exception>
    public BatchShard(int index, int count)
    {
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"batch shard: count (the number of workers) must be positive, got {count}");
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"batch shard: index must be in [0, {count}) for {count} workers, got {index}");
        Index = index;
        Count = count;
    }

    /// <summary>This worker's number, from 0 (an MPI rank).</summary>
    public int Index { get; }

    /// <summary>How many workers share each batch (the MPI world size).</summary>
    public int Count { get; }

    /// <summary>This worker's part of a global batch of <paramref name="batchSize"/> examples as <c>ShuffledDataset.Batch</c>'s
    /// part draws it: <see cref="PartOf"/>, or nothing when the batch has fewer examples than workers (it is left out on
    /// every worker).</summary>
    public (int Start, int Length) Draw(int batchSize) => batchSize < Count ? (0, 0) : PartOf(batchSize);

    /// <summary>The first example (counted from 0 within the batch) and the number of examples of this worker's part of a
    /// global batch of <paramref name="batchSize"/> examples: ⌊batchSize / Count⌋, plus one for each of the first
    /// batchSize mod Count workers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">batchSize is smaller than <see cref="Count"/>, which would leave a worker
    /// without examples.</exception>
    public (int Start, int Length) PartOf(int batchSize)
    {
        if (batchSize < Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batch shard: a batch of {batchSize} examples cannot give each of {Count} workers at least one");
        int smaller = batchSize / Count, larger = batchSize % Count;
        return (Index * smaller + Math.Min(Index, larger), smaller + (Index < larger ? 1 : 0));
    }
}
