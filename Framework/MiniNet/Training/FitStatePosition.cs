namespace MiniNet.Training;

// Where the run stands, as a checkpoint saves it: after a step, built from the step's counters only when read.
public sealed partial class FitState
{
    // Where the run stands (Position): null after a step, which Position then builds from Epoch and Batch when read.
    private TrainingPosition? _position = new(0, 0, 0, 1);

    internal void Trained() => _position = null;

    /// <summary>Where the run stands, for a checkpoint: after each step, the batches of the epoch in progress and its running
    /// loss and metrics; after each epoch (before <see cref="Callback.OnEpochEnd"/>), the epoch counted as completed. Built
    /// when read, so a step whose callbacks do not read it allocates nothing for it.</summary>
    public TrainingPosition Position
    {
        get => _position ?? new TrainingPosition(Epoch - 1, Batch + 1, Seed, BatchSize, MeanLoss.WeightedSum, (long)MeanLoss.TotalWeight,
            [.. Metrics.Select(metric => metric.State)]);
        internal set => _position = value;
    }

    internal int Seed { get; init; }

    internal int BatchSize { get; init; } = 1;
}
