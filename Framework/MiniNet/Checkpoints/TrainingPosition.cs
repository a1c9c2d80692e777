namespace MiniNet.Checkpoints;

/// <summary>
/// Where a training run stands, so that it can be resumed exactly: how far the data pipeline has gone (epochs and batches,
/// with the shuffle seed and batch size that give those batches their meaning) and the running metrics of the epoch in
/// progress. A run resumed from here starts epoch <see cref="CompletedEpochs"/> + 1 (counted from 1) at batch
/// <see cref="CompletedBatches"/> (counted from 0), in the same shuffled order, and its epoch's mean loss and accuracy come
/// out as if it had never stopped. Saved in a checkpoint beside the weights and the optimizer state.
/// </summary>
/// <param name="CompletedEpochs">Whole epochs trained (and evaluated) so far.</param>
/// <param name="CompletedBatches">Batches of the next epoch already trained; 0 at an epoch boundary.</param>
/// <param name="Seed">The seed of the per-epoch shuffle.</param>
/// <param name="BatchSize">Examples per batch.</param>
/// <param name="EpochLossSum">Σ batch mean loss × batch size over the completed batches of the epoch in progress.</param>
/// <param name="EpochSamples">Examples in those batches.</param>
/// <param name="EpochCorrect">How many of them the model classified correctly when it trained on them.</param>
public sealed record TrainingPosition(int CompletedEpochs, int CompletedBatches, int Seed, int BatchSize,
    double EpochLossSum = 0, long EpochSamples = 0, long EpochCorrect = 0)
{
    // Throws unless every count is in range: none negative, a positive batch size, no more correct than seen.
    internal void Validate(string parameter)
    {
        string? problem =
            CompletedEpochs < 0 ? $"CompletedEpochs must be >= 0, got {CompletedEpochs}"
            : CompletedBatches < 0 ? $"CompletedBatches must be >= 0, got {CompletedBatches}"
            : BatchSize <= 0 ? $"BatchSize must be positive, got {BatchSize}"
            : EpochSamples < 0 ? $"EpochSamples must be >= 0, got {EpochSamples}"
            : EpochCorrect < 0 || EpochCorrect > EpochSamples ? $"EpochCorrect must be in [0, EpochSamples = {EpochSamples}], got {EpochCorrect}"
            : null;
        if (problem != null) throw new ArgumentException($"training position: {problem}", parameter);
    }
}
