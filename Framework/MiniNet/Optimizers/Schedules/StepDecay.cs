namespace MiniNet.Optimizers.Schedules;

/// <summary>
/// Multiplies the rate by <see cref="Gamma"/> every <see cref="StepSize"/> steps (PyTorch's StepLR):
/// rate(step) = initialRate · gamma^⌊step / stepSize⌋.
/// </summary>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule, validating its arguments.</summary>
    /// <param name="initialRate">The rate of steps 0 … stepSize - 1; finite and ≥ 0.</param>
    /// <param name="stepSize">How many steps each rate lasts; ≥ 1.</param>
    /// <param name="gamma">The factor applied at each drop, in (0, 1].</param>
    public StepDecay(double initialRate, long stepSize, double gamma = 0.1)
    {
        InitialRate = NonNegative(initialRate);
        StepSize = AtLeastOne(stepSize);
        Gamma = DecayFactor(gamma);
    }

    /// <summary>The rate before the first drop.</summary>
    public double InitialRate { get; }

    /// <summary>How many steps each rate lasts.</summary>
    public long StepSize { get; }

    /// <summary>The factor applied at each drop.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected override double Rate(long step) => InitialRate * Math.Pow(Gamma, step / StepSize);
}
