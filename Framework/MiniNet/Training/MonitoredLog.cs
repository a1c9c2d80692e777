namespace MiniNet.Training;

/// <summary>The best value so far of one epoch log ("val_loss", "mae", ...), and whether a new value improves on it by
/// more than a minimum change: the rule <see cref="EarlyStopping"/> and <c>ModelCheckpoint</c> share.</summary>
internal sealed class MonitoredLog
{
    private readonly bool _higherIsBetter;
    private readonly double _minDelta;

    public MonitoredLog(string name, MonitorMode mode, double minDelta)
    {
        Name = name;
        _higherIsBetter = mode == MonitorMode.Max || mode == MonitorMode.Auto && name.Contains("acc", StringComparison.OrdinalIgnoreCase);
        _minDelta = minDelta;
        Reset();
    }

    /// <summary>The log's key.</summary>
    public string Name { get; }

    /// <summary>The best value seen since <see cref="Reset"/> (±∞ before the first).</summary>
    public double Best { get; private set; }

    /// <summary>Forgets the best value.</summary>
    public void Reset() => Best = _higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>Reads the log from <paramref name="epoch"/> and, if it beats <see cref="Best"/> by more than the minimum
    /// change, makes it the best and returns true.</summary>
    /// <exception cref="InvalidOperationException">The epoch did not log it; the message lists what it logged.</exception>
    public bool Improves(EpochResult epoch, string callback)
    {
        if (!epoch.Logs.TryGetValue(Name, out double value))
            throw new InvalidOperationException($"{callback}: '{Name}' is not logged; available: {string.Join(", ", epoch.Logs.Keys)}");
        bool improved = _higherIsBetter ? value > Best + _minDelta : value < Best - _minDelta;
        if (improved) Best = value;
        return improved;
    }
}
