using MiniNet.Checkpoints;
using MiniNet.Optimizers;

namespace MiniNet.Training;

/// <summary>
/// Saves the run with <see cref="Checkpoint.Save"/> at the end of every epoch (so the last save is the end of training) and,
/// if asked, every <see cref="EveryBatches"/> training steps, as Keras's ModelCheckpoint with <c>save_freq</c>. Each save
/// replaces the file atomically; resume with <see cref="Checkpoint.Load"/> and <c>Fit(..., resumeFrom: position)</c>.
/// </summary>
public sealed class ModelCheckpoint : Callback
{
    private readonly Optimizer _optimizer;

    /// <summary>Creates the callback.</summary>
    /// <param name="path">The checkpoint file; its folder must exist.</param>
    /// <param name="optimizer">The optimizer passed to Fit, whose state is saved with the model.</param>
    /// <param name="everyBatches">Also save after every this many steps, counted across epochs from the start of the run
    /// (so a resumed run saves at the same steps); null saves at epoch ends only.</param>
    public ModelCheckpoint(string path, Optimizer optimizer, int? everyBatches = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (everyBatches is <= 0)
            throw new ArgumentOutOfRangeException(nameof(everyBatches), everyBatches, $"model checkpoint: everyBatches must be positive, got {everyBatches}");
        Path = path;
        _optimizer = optimizer;
        EveryBatches = everyBatches;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>Steps between saves within an epoch, or null for epoch ends only.</summary>
    public int? EveryBatches { get; }

    /// <inheritdoc />
    public override void OnBatchEnd(FitState state, BatchResult batch)
    {
        var position = state.Position;
        long step = (long)position.CompletedEpochs * state.BatchesPerEpoch + position.CompletedBatches;
        if (EveryBatches is int every && step % every == 0) Checkpoint.Save(Path, state.Model, _optimizer, position);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(FitState state, EpochResult epoch) => Checkpoint.Save(Path, state.Model, _optimizer, state.Position);
}
