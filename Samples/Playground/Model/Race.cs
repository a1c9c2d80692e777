namespace Playground.Model;

/// <summary>Two runs on the same points from the same initial weights and batch order, each with its own optimizer,
/// learning rate and momentum, so their loss curves show what those alone change.</summary>
public sealed class Race
{
    /// <summary>Builds the first run from <paramref name="settings"/> and the second from the same settings with
    /// <paramref name="second"/>'s optimizer, learning rate and momentum.</summary>
    /// <exception cref="ArgumentException">Either run's settings are out of range (see <see cref="PlaygroundSettings.Validate"/>).</exception>
    public Race(PlaygroundSettings settings, Racer second)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(second);
        First = new PlaygroundRun(settings);
        Second = new PlaygroundRun(second.Apply(settings));
        (FirstName, SecondName) = Racer.Names(First.Settings, Second.Settings);
    }

    /// <summary>The run with the first racer's settings.</summary>
    public PlaygroundRun First { get; }

    /// <summary>The run with the second racer's optimizer, learning rate and momentum.</summary>
    public PlaygroundRun Second { get; }

    /// <summary>What the first run is called beside the second (see <see cref="Racer.Names"/>).</summary>
    public string FirstName { get; }

    /// <summary>What the second run is called beside the first.</summary>
    public string SecondName { get; }

    /// <summary>Trains both runs for an epoch.</summary>
    public void TrainEpoch()
    {
        First.TrainEpoch();
        Second.TrainEpoch();
    }
}
