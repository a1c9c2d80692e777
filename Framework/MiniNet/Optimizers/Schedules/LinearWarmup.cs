namespace MiniNet.Optimizers.Schedules;

/// <summary>
/// Raises the rate linearly from <see cref="StartRate"/> to the wrapped schedule's first rate over
/// <see cref="WarmupSteps"/> steps, then follows the wrapped schedule from its beginning (as Keras's warmup_steps):
/// rate(step) = startRate + (schedule(0) - startRate) · step / warmupSteps for step &lt; warmupSteps, else schedule(step - warmupSteps).
/// </summary>
public sealed class LinearWarmup : LearningRateSchedule
{
    /// <summary>Creates the schedule, validating its arguments.</summary>
    /// <param name="schedule">The schedule that takes over after the warm-up, starting at its own step 0.</param>
    /// <param name="warmupSteps">The length of the warm-up; ≥ 1.</param>
    /// <param name="startRate">The rate of step 0; finite and ≥ 0.</param>
    public LinearWarmup(LearningRateSchedule schedule, long warmupSteps, double startRate = 0)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Schedule = schedule;
        WarmupSteps = AtLeastOne(warmupSteps);
        StartRate = NonNegative(startRate);
    }

    /// <summary>The schedule followed after the warm-up.</summary>
    public LearningRateSchedule Schedule { get; }

    /// <summary>The length of the warm-up in steps.</summary>
    public long WarmupSteps { get; }

    /// <summary>The rate at step 0.</summary>
    public double StartRate { get; }

    /// <inheritdoc />
    protected override double Rate(long step) => step < WarmupSteps
        ? StartRate + (Schedule.RateAt(0) - StartRate) * step / WarmupSteps
        : Schedule.RateAt(step - WarmupSteps);
}
