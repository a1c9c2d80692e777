namespace MiniNet.Optimizers.Schedules;

/// <summary>
/// Decays the rate smoothly by <see cref="DecayRate"/> every <see cref="DecaySteps"/> steps (Keras's ExponentialDecay;
/// PyTorch's ExponentialLR is decaySteps = 1): rate(step) = initialRate · decayRate^(step / decaySteps).
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule, validating its arguments.</summary>
    /// <param name="initialRate">The rate at step 0; finite and ≥ 0.</param>
    /// <param name="decaySteps">The number of steps over which the rate is multiplied by decayRate; ≥ 1.</param>
    /// <param name="decayRate">The factor per decaySteps steps, in (0, 1].</param>
    public ExponentialDecay(double initialRate, long decaySteps, double decayRate)
    {
        InitialRate = NonNegative(initialRate);
        DecaySteps = AtLeastOne(decaySteps);
        DecayRate = DecayFactor(decayRate);
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialRate { get; }

    /// <summary>The number of steps over which the rate is multiplied by <see cref="DecayRate"/>.</summary>
    public long DecaySteps { get; }

    /// <summary>The factor per <see cref="DecaySteps"/> steps.</summary>
    public double DecayRate { get; }

    /// <inheritdoc />
    protected override double Rate(long step) => InitialRate * Math.Pow(DecayRate, (double)step / DecaySteps);
}
