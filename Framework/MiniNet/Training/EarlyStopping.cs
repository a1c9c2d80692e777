using MiniNet.Tensors;

namespace MiniNet.Training;

/// <summary>
/// Stops training when a monitored log has not improved for <c>patience</c> epochs, as Keras's EarlyStopping, and can put
/// back the weights of the best epoch when it stops (<c>restore_best_weights</c>). Any log can be monitored: "val_loss",
/// "val_accuracy", "mae", "val_rmse"...
/// </summary>
public sealed class EarlyStopping : Callback
{
    private readonly MonitoredLog _monitored;
    private int _epochsWithoutImprovement;
    private Tensor[]? _bestWeights;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The log to watch, e.g. "val_loss" or "val_accuracy".</param>
    /// <param name="patience">Epochs without improvement to tolerate before stopping; ≥ 0.</param>
    /// <param name="minDelta">An improvement must be larger than this; ≥ 0.</param>
    /// <param name="mode">Which direction improves; by default higher for names with "acc", lower for others.</param>
    /// <param name="restoreBestWeights">When stopping, set the model's variables back to those at the end of the best epoch.</param>
    public EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, MonitorMode mode = MonitorMode.Auto, bool restoreBestWeights = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"early stopping: patience must be >= 0, got {patience}");
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"early stopping: minDelta must be >= 0, got {minDelta}");
        _monitored = new MonitoredLog(monitor, mode, minDelta);
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>The watched log.</summary>
    public string Monitor => _monitored.Name;

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether the best epoch's weights are put back on stopping.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The best value of the monitored log so far.</summary>
    public double Best => _monitored.Best;

    /// <summary>The epoch (from 1) with the best value so far, or null before the first.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>The epoch after which training was stopped, or null if it ran to the end.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <inheritdoc />
    public override void OnTrainBegin(FitState state)
    {
        _monitored.Reset();
        _epochsWithoutImprovement = 0;
        _bestWeights = null;
        (BestEpoch, StoppedEpoch) = (null, null);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The monitored log is not in the epoch's logs.</exception>
    public override void OnEpochEnd(FitState state, EpochResult epoch)
    {
        if (_monitored.Improves(epoch, "early stopping"))
        {
            BestEpoch = epoch.Epoch;
            _epochsWithoutImprovement = 0;
            if (RestoreBestWeights) _bestWeights = [.. state.Model.Variables.Select(variable => variable.Clone())];
            return;
        }
        if (++_epochsWithoutImprovement <= Patience) return;
        state.StopTraining = true;
        StoppedEpoch = epoch.Epoch;
        if (_bestWeights != null)
            for (int i = 0; i < _bestWeights.Length; i++) state.Model.Variables[i].Assign(_bestWeights[i]);
    }
}
