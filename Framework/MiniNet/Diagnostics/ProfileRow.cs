namespace MiniNet.Diagnostics;

/// <summary>One row of an epoch's profile.</summary>
/// <param name="Name">The op's name ("conv2d", "matmul"...), or for time outside ops what it covers.</param>
/// <param name="Pass">Forward or backward passes of the op, or time outside ops.</param>
/// <param name="Calls">Passes run in the epoch (steps, for time outside ops).</param>
/// <param name="Seconds">Their total wall time.</param>
/// <param name="Share">Seconds as a fraction of the epoch's training time (0.25 is 25 %); the rows' shares sum to 1.</param>
/// <param name="Flops">The floating-point operations the passes did (<see cref="OpFlops"/>), or null for an op that is not a product.</param>
public sealed record ProfileRow(string Name, ProfilePass Pass, int Calls, double Seconds, double Share, long? Flops)
{
    /// <summary>Flops per second in billions, or null without a FLOP count or time.</summary>
    public double? GigaflopsPerSecond => Flops is { } flops && Seconds > 0 ? flops / Seconds / 1e9 : null;
}
