namespace MiniNet.Training;

/// <summary>
/// What a training run logged, epoch by epoch: for each epoch its logs by name ("loss", "accuracy", and with validation data
/// "val_loss", "val_accuracy"), as Keras's History. <c>history["val_accuracy"]</c> gives one metric as a series.
/// </summary>
public sealed class History
{
    private readonly List<EpochResult> _epochs = [];

    /// <summary>One entry per completed epoch, in order.</summary>
    public IReadOnlyList<EpochResult> Epochs => _epochs;

    /// <summary>The values of one log across the epochs, e.g. history["loss"]; NaN where an epoch did not log it.</summary>
    public IReadOnlyList<double> this[string name] =>
        _epochs.Select(e => e.Logs.TryGetValue(name, out double value) ? value : double.NaN).ToArray();

    /// <summary>Appends a completed epoch.</summary>
    public void Add(EpochResult epoch) => _epochs.Add(epoch);
}
