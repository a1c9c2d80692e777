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

    /// <summary>The names logged by at least one epoch, in the order they first appear, as Keras's <c>history.history.keys()</c>.</summary>
    public IReadOnlyList<string> Keys => [.. _epochs.SelectMany(e => e.Logs.Keys).Distinct()];

    /// <summary>Whether some epoch logged <paramref name="name"/>.</summary>
    public bool Contains(string name) => _epochs.Any(e => e.Logs.ContainsKey(name));

    /// <summary>The values of one log across the epochs, e.g. history["loss"]; NaN where an epoch did not log it.</summary>
    /// <exception cref="KeyNotFoundException">No epoch logged <paramref name="name"/> (a NaN series would read like a diverged
    /// run): the message lists the names that were logged.</exception>
    public IReadOnlyList<double> this[string name] => Contains(name)
        ? _epochs.Select(e => e.Logs.TryGetValue(name, out double value) ? value : double.NaN).ToArray()
        : throw new KeyNotFoundException($"history: nothing was logged as \"{name}\"; logged: " +
            (_epochs.Count == 0 ? "nothing, no epoch has ended" : string.Join(", ", Keys.Select(key => $"\"{key}\""))));

    /// <summary>Appends a completed epoch.</summary>
    public void Add(EpochResult epoch) => _epochs.Add(epoch);
}
