namespace MiniNet.Data;

// The start of an input pipeline, made once before the first epoch: the dataset shuffled anew every epoch, or in its order,
// then cut into batches.
public sealed partial class Dataset
{
    /// <summary>This dataset in a new random order every epoch; the order of epoch k depends only on
    /// (<paramref name="seed"/>, k). Call <see cref="ShuffledDataset.Batch"/> on it.</summary>
    public ShuffledDataset Shuffle(int seed) => new(this, seed);

    /// <summary>Batches of <paramref name="size"/> examples in the dataset's order (e.g. for evaluation).</summary>
    /// <param name="size">Examples per batch; must be positive.</param>
    /// <param name="dropRemainder">Leave out a last batch smaller than <paramref name="size"/>; by default it is kept.</param>
    public BatchedDataset Batch(int size, bool dropRemainder = false) => new(this, shuffle: null, size, dropRemainder);
}
