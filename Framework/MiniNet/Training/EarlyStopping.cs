namespace MiniNet.Training;

/// <summary>
/// Stops training when a monitored metric has not improved for <c>patience</c> epochs, as Keras's EarlyStopping. Metrics
/// whose name contains "acc" improve upwards, all others (losses) downwards.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private double _best;
    private int _epochsWithoutImprovement;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The log to watch, e.g. "val_loss" or "val_accuracy".</param>
    /// <param name="patience">Epochs without improvement to tolerate before stopping; ≥ 0.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement; ≥ 0.</param>
    public EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"early stopping: patience must be >= 0, got {patience}");
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"early stopping: minDelta must be >= 0, got {minDelta}");
        Monitor = monitor;
        Patience = patience;
        MinDelta = minDelta;
    }

    /// <summary>The watched log.</summary>
    public string Monitor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>The epoch after which training was stopped, or null if it ran to the end.</summary>
    public int? StoppedEpoch { get; private set; }

    private bool HigherIsBetter => Monitor.Contains("acc", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override void OnTrainBegin(FitState state)
    {
        _best = HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        _epochsWithoutImprovement = 0;
        StoppedEpoch = null;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The monitored metric is not in the epoch's logs.</exception>
    public override void OnEpochEnd(FitState state, EpochResult epoch)
    {
        if (!epoch.Logs.TryGetValue(Monitor, out double value))
            throw new InvalidOperationException($"early stopping: metric '{Monitor}' is not logged; available: {string.Join(", ", epoch.Logs.Keys)}");
        bool improved = HigherIsBetter ? value > _best + MinDelta : value < _best - MinDelta;
        if (improved)
        {
            _best = value;
            _epochsWithoutImprovement = 0;
            return;
        }
        if (++_epochsWithoutImprovement > Patience)
        {
            state.StopTraining = true;
            StoppedEpoch = epoch.Epoch;
        }
    }
}
