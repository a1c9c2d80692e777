namespace MiniNet.Data;

// How many batches an epoch has, and which part of each batch this process draws in data-parallel training.
public sealed partial class BatchedDataset
{
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

    private (int Start, int Length) PartOf(int batchSize) => Part?.Invoke(batchSize) ?? (0, batchSize);
}
