namespace Playground.Model;

/// <summary>Two runs on the same points from the same initial weights and batch order, each with its own optimizer,
/// learning rate and momentum, so their loss curves show what those alone change. Both train in one pass per batch
/// (<see cref="RaceNetwork"/>), number for number as each would alone.</summary>
public sealed class Race
{
    private readonly RaceNetwork _network;

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
        _network = new RaceNetwork(First, Second);
    }

    /// <summary>The run with the first racer's settings.</summary>
    public PlaygroundRun First { get; }

    /// <summary>The run with the second racer's optimizer, learning rate and momentum.</summary>
    public PlaygroundRun Second { get; }

    /// <summary>What the first run is called beside the second (see <see cref="Racer.Names"/>).</summary>
    public string FirstName { get; }

    /// <summary>What the second run is called beside the first.</summary>
    public string SecondName { get; }

    /// <summary>The first run's <see cref="PlaygroundRun.Picture"/> and the second's boundary (its picture's
    /// <see cref="NetworkPicture.Output"/>), number for number, from one forward pass over the plane: the page draws the first
    /// racer's network and both boundaries.</summary>
    /// <exception cref="ArgumentOutOfRangeException">resolution is below 2, or the stride is not a divisor of it.</exception>
    public (NetworkPicture First, float[] SecondBoundary) Pictures(int resolution, int neuronStride) => _network.Pictures(resolution, neuronStride);

    /// <summary>Trains both runs on the rest of the current epoch's batches (a whole epoch unless a step started it) and
    /// records their losses, as <see cref="PlaygroundRun.TrainEpoch"/> does for each.</summary>
    public void TrainEpoch()
    {
        int epoch = First.Epoch;
        while (First.Epoch == epoch) _network.Step();
        _network.RecordLosses();
    }
}
