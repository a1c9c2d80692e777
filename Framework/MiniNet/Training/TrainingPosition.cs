using MiniNet.Data;
using MiniNet.Metrics;

namespace MiniNet.Training;

/// <summary>
/// Where a training run stands, so that it can be resumed exactly: how far the data pipeline has gone (epochs and batches,
/// with the shuffle seed and batch size that give those batches their meaning) and the running loss and metrics of the epoch
/// in progress. A run resumed from here starts epoch <see cref="CompletedEpochs"/> + 1 (counted from 1) after its first
/// <see cref="CompletedBatches"/> batches, in the same shuffled order, and its epoch's mean loss and metrics come out as if
/// it had never stopped. Saved in a checkpoint beside the weights and the optimizer state. A hand-written loop takes it from
/// its batch pipeline (<see cref="Of"/>) rather than counting epochs itself.
/// </summary>
/// <param name="CompletedEpochs">Whole epochs trained (and evaluated) so far.</param>
/// <param name="CompletedBatches">Batches of the next epoch already trained; 0 at an epoch boundary.</param>
/// <param name="Seed">The seed of the per-epoch shuffle.</param>
/// <param name="BatchSize">Examples per batch.</param>
/// <param name="EpochLossSum">Σ batch mean loss × batch size over the completed batches of the epoch in progress.</param>
/// <param name="EpochSamples">Examples in those batches.</param>
/// <param name="EpochMetrics">The state of each training metric over those batches, in Fit's order; empty at an epoch
/// boundary.</param>
public sealed record TrainingPosition(int CompletedEpochs, int CompletedBatches, int Seed, int BatchSize,
    double EpochLossSum = 0, long EpochSamples = 0, IReadOnlyList<MetricState>? EpochMetrics = null)
{
    /// <summary>The state of each training metric over the completed batches of the epoch in progress.</summary>
    public IReadOnlyList<MetricState> EpochMetrics { get; init; } = EpochMetrics ?? [];

    /// <summary>Where a hand-written loop stands after an epoch, for <c>Checkpoint.Save</c>: the epochs <paramref name="batches"/>
    /// has enumerated to the end so far (<see cref="BatchedDataset.NextEpoch"/>), with its seed and batch size. Taken from the
    /// pipeline's own counters, so it cannot be off by one:
    /// <code>
    /// for (int epoch = 0; epoch &lt; epochs; epoch++)
    /// {
    ///     foreach (var (x, y) in batches) { /* one training step */ }
    ///     Checkpoint.Save("run.ckpt", model, optimizer, TrainingPosition.Of(batches));
    /// }
    /// </code>
    /// </summary>
    /// <exception cref="InvalidOperationException">An epoch was started but not enumerated to its end (saving mid-epoch is
    /// Fit's job: see <c>ModelCheckpoint</c>).</exception>
    public static TrainingPosition Of(BatchedDataset batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.EpochInProgress)
            throw new InvalidOperationException($"training position: epoch {batches.NextEpoch - 1} (from 0) was started but not enumerated to its end; take the position after the foreach loop over the batches");
        return new TrainingPosition(batches.NextEpoch, 0, batches.Seed, batches.BatchSize);
    }

    /// <summary>Equal when every field is, the metric states compared one by one.</summary>
    public bool Equals(TrainingPosition? other) => other is not null
        && (CompletedEpochs, CompletedBatches, Seed, BatchSize, EpochLossSum, EpochSamples)
            == (other.CompletedEpochs, other.CompletedBatches, other.Seed, other.BatchSize, other.EpochLossSum, other.EpochSamples)
        && EpochMetrics.SequenceEqual(other.EpochMetrics);

    /// <summary>A hash of the counts (metric states left out, as equal positions have equal counts).</summary>
    public override int GetHashCode() => HashCode.Combine(CompletedEpochs, CompletedBatches, Seed, BatchSize, EpochLossSum, EpochSamples);

    // Throws unless every count is in range: none negative, a positive batch size, no metric counted over negative examples.
    internal void Validate(string parameter)
    {
        string? problem =
            CompletedEpochs < 0 ? $"CompletedEpochs must be >= 0, got {CompletedEpochs}"
            : CompletedBatches < 0 ? $"CompletedBatches must be >= 0, got {CompletedBatches}"
            : BatchSize <= 0 ? $"BatchSize must be positive, got {BatchSize}"
            : EpochSamples < 0 ? $"EpochSamples must be >= 0, got {EpochSamples}"
            : EpochMetrics.FirstOrDefault(metric => metric is null || metric.Count < 0) is { } bad ? $"metric state {bad?.Name ?? "null"} must have a count >= 0"
            : null;
        if (problem != null) throw new ArgumentException($"training position: {problem}", parameter);
    }

    // Fit's check of a position to resume from, before the first step: the same seed and batch size, an epoch that fits, epochs left.
    internal void RequireResumable(int epochs, int seed, int batchSize, int batchesPerEpoch, IReadOnlyList<Metric> metrics)
    {
        const string parameter = "resumeFrom";
        Validate(parameter);
        if (Seed != seed || BatchSize != batchSize)
            throw new ArgumentException($"fit: the run to resume used seed {Seed} and batch size {BatchSize}, not seed {seed} and batch size {batchSize}; resume with the same ones", parameter);
        if (CompletedBatches > batchesPerEpoch)
            throw new ArgumentException($"fit: the run to resume had trained {CompletedBatches} batches of an epoch, but an epoch here has {batchesPerEpoch}; resume with the same training data", parameter);
        if (CompletedEpochs >= epochs)
            throw new ArgumentException($"fit: the run to resume has already completed {CompletedEpochs} epochs; epochs (the total) must be more, got {epochs}", parameter);
        if (CompletedBatches > 0 && !EpochMetrics.Select(state => state.Name).SequenceEqual(metrics.Select(metric => metric.Name)))
            throw new ArgumentException($"fit: the run to resume measured [{string.Join(", ", EpochMetrics.Select(state => state.Name))}] but this one measures [{string.Join(", ", metrics.Select(metric => metric.Name))}]; resume with the same metrics", parameter);
    }

    // Starts `epoch` of a run resumed from here: the epoch this position stood inside continues its loss and metrics and
    // returns the batches it had trained; any other starts from zero.
    internal int BeginEpoch(int epoch, FitState state)
    {
        bool inside = epoch == CompletedEpochs + 1 && CompletedBatches > 0;
        state.Epoch = epoch;
        state.MeanLoss.Restore(inside ? EpochLossSum : 0, inside ? EpochSamples : 0);
        for (int i = 0; i < state.Metrics.Count; i++)
            if (inside) state.Metrics[i].Restore(EpochMetrics[i]);
            else state.Metrics[i].Reset();
        return inside ? CompletedBatches : 0;
    }
}
