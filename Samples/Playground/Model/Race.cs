namespace Playground.Model;

/// <summary>Two runs on the same points from the same initial weights and batch order, differing only in the optimizer, so
/// their loss curves show what the optimizer alone changes.</summary>
public sealed class Race
{
    /// <summary>Builds both runs from <paramref name="settings"/>, one with each optimizer.</summary>
    public Race(PlaygroundSettings settings, OptimizerKind first, OptimizerKind second)
    {
        ArgumentNullException.ThrowIfNull(settings);
        First = new PlaygroundRun(settings with { Optimizer = first });
        Second = new PlaygroundRun(settings with { Optimizer = second });
    }

    /// <summary>The run with the first optimizer.</summary>
    public PlaygroundRun First { get; }

    /// <summary>The run with the second optimizer.</summary>
    public PlaygroundRun Second { get; }

    /// <summary>Trains both runs for an epoch.</summary>
    public void TrainEpoch()
    {
        First.TrainEpoch();
        Second.TrainEpoch();
    }
}
