using MiniNet.Optimizers;
using MiniNet.Training;

namespace MiniNet.Checkpoints;

/// <summary>
/// Saves the run with <see cref="Checkpoint.Save"/> at the end of every epoch (so the last save is the end of training) and,
/// if asked, every <see cref="EveryBatches"/> training steps, as Keras's ModelCheckpoint with <c>save_freq</c>. With
/// <c>saveBestOnly</c> it saves at an epoch's end only when the monitored log improved, as Keras's
/// <c>save_best_only</c>, so the file holds the best epoch. Each save replaces the file atomically; resume with
/// <see cref="Checkpoint.Load"/> and <c>Fit(..., resumeFrom: position)</c>.
/// </summary>
public sealed class ModelCheckpoint : Callback
{
    private readonly Optimizer _optimizer;
    private readonly MonitoredLog? _monitored;

    /// <summary>Creates the callback.</summary>
    /// <param name="path">The checkpoint file; its folder must exist.</param>
    /// <param name="optimizer">The optimizer passed to Fit, whose state is saved with the model.</param>
    /// <param name="everyBatches">Also save after every this many steps, counted across epochs from the start of the run
    /// (so a resumed run saves at the same steps); null saves at epoch ends only. Not with <paramref name="saveBestOnly"/>.</param>
    /// <param name="saveBestOnly">Save at an epoch's end only when <paramref name="monitor"/> improved.</param>
    /// <param name="monitor">The log that decides the best epoch, e.g. "val_loss" or "val_mae".</param>
    /// <param name="mode">Which direction improves; by default higher for names with "acc", lower for others.</param>
    public ModelCheckpoint(string path, Optimizer optimizer, int? everyBatches = null, bool saveBestOnly = false,
        string monitor = "val_loss", MonitorMode mode = MonitorMode.Auto)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (everyBatches is <= 0)
            throw new ArgumentOutOfRangeException(nameof(everyBatches), everyBatches, $"model checkpoint: everyBatches must be positive, got {everyBatches}");
        if (everyBatches != null && saveBestOnly)
            throw new ArgumentException("model checkpoint: saveBestOnly saves at epoch ends, where the monitored log is known; it cannot also save every few batches", nameof(saveBestOnly));
        Path = path;
        _optimizer = optimizer;
        EveryBatches = everyBatches;
        if (saveBestOnly) _monitored = new MonitoredLog(monitor, mode, minDelta: 0);
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>Steps between saves within an epoch, or null for epoch ends only.</summary>
    public int? EveryBatches { get; }

    /// <summary>The log that decides the best epoch when saving the best only; null when every epoch is saved.</summary>
    public string? Monitor => _monitored?.Name;

    /// <inheritdoc />
    public override void OnTrainBegin(FitState state) => _monitored?.Reset();

    /// <inheritdoc />
    public override void OnBatchEnd(FitState state, BatchResult batch)
    {
        var position = state.Position;
        long step = (long)position.CompletedEpochs * state.BatchesPerEpoch + position.CompletedBatches;
        if (EveryBatches is int every && step % every == 0) Checkpoint.Save(Path, state.Model, _optimizer, position);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The monitored log is not in the epoch's logs.</exception>
    public override void OnEpochEnd(FitState state, EpochResult epoch)
    {
        if (_monitored == null || _monitored.Improves(epoch, "model checkpoint"))
            Checkpoint.Save(Path, state.Model, _optimizer, state.Position);
    }
}
