namespace MiniNet.Optimizers.Schedules;

/// <summary>
/// Half a cosine from the initial rate down to a final rate over <see cref="DecaySteps"/> steps, then the final rate
/// (Loshchilov and Hutter's SGDR without restarts; PyTorch's CosineAnnealingLR with eta_min = finalRate, clamped as Keras's
/// CosineDecay): rate(step) = finalRate + (initialRate - finalRate) · (1 + cos(π · min(step, decaySteps) / decaySteps)) / 2.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule, validating its arguments.</summary>
    /// <param name="initialRate">The rate at step 0; finite and ≥ 0.</param>
    /// <param name="decaySteps">The step at which the final rate is reached; ≥ 1.</param>
    /// <param name="finalRate">The rate from step decaySteps on, in [0, initialRate].</param>
    public CosineDecay(double initialRate, long decaySteps, double finalRate = 0)
    {
        InitialRate = NonNegative(initialRate);
        DecaySteps = AtLeastOne(decaySteps);
        FinalRate = NonNegative(finalRate);
        if (finalRate > initialRate)
            throw new ArgumentOutOfRangeException(nameof(finalRate), finalRate, $"CosineDecay: finalRate must not exceed initialRate {initialRate}, got {finalRate}");
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialRate { get; }

    /// <summary>The step at which <see cref="FinalRate"/> is reached.</summary>
    public long DecaySteps { get; }

    /// <summary>The rate from step <see cref="DecaySteps"/> on.</summary>
    public double FinalRate { get; }

    /// <inheritdoc />
    protected override double Rate(long step) =>
        FinalRate + (InitialRate - FinalRate) * (1 + Math.Cos(Math.PI * Math.Min(step, DecaySteps) / DecaySteps)) / 2;
}
