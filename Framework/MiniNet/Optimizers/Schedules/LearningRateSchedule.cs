using System.Runtime.CompilerServices;

namespace MiniNet.Optimizers.Schedules;

/// <summary>
/// A learning rate that depends on the step number, as Keras's <c>LearningRateSchedule</c>. Plugged into
/// <see cref="Optimizer.Schedule"/>, it is asked for the rate of each step at the optimizer's step count
/// <see cref="Optimizer.Iterations"/>; the optimizers' update rules never see it. A schedule holds no state, so the same
/// step always gives the same rate and the schedule's position is the optimizer's step count.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for step <paramref name="step"/>, counted from 0 (the first update).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public double RateAt(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, $"{GetType().Name}: step must be >= 0, got {step}");
        return Rate(step);
    }

    /// <summary>The formula: the rate at a step known to be ≥ 0.</summary>
    protected abstract double Rate(long step);

    /// <summary>Returns <paramref name="value"/> if it is a finite rate ≥ 0, else throws an error naming the parameter and the value.</summary>
    protected double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string parameter = "") =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{GetType().Name}: {parameter} must be a finite number >= 0, got {value}");

    /// <summary>Returns <paramref name="value"/> if it is in (0, 1], a decay factor, else throws an error naming the parameter and the value.</summary>
    protected double DecayFactor(double value, [CallerArgumentExpression(nameof(value))] string parameter = "") =>
        value > 0 && value <= 1 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{GetType().Name}: {parameter} must be in (0, 1], got {value}");

    /// <summary>Returns <paramref name="value"/> if it is a step count ≥ 1, else throws an error naming the parameter and the value.</summary>
    protected long AtLeastOne(long value, [CallerArgumentExpression(nameof(value))] string parameter = "") =>
        value >= 1 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{GetType().Name}: {parameter} must be >= 1, got {value}");
}
