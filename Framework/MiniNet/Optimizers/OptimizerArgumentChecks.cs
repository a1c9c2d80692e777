using System.Runtime.CompilerServices;

namespace MiniNet.Optimizers;

// The checks of the hyper-parameters, where a subclass's constructor or a setter takes them.
public abstract partial class Optimizer
{
    /// <summary>Returns <paramref name="value"/> if it is finite and ≥ 0, else throws an error naming this optimizer (e.g. "adam"), the parameter and the value.</summary>
    protected double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string parameter = "") =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{GetType().Name.ToLowerInvariant()}: {parameter} must be a finite number >= 0, got {value}");

    /// <summary>Returns <paramref name="value"/> if it is in [0, 1), else throws an error naming this optimizer (e.g. "adam"), the parameter and the value.</summary>
    protected double InUnitInterval(double value, [CallerArgumentExpression(nameof(value))] string parameter = "") =>
        value >= 0 && value < 1 ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{GetType().Name.ToLowerInvariant()}: {parameter} must be in [0, 1), got {value}");

    internal static double Positive(double value, string parameter) => double.IsFinite(value) && value > 0 ? value
        : throw new ArgumentOutOfRangeException(parameter, value, $"optimizer: {parameter} must be a finite number > 0, got {value}");

    private static double FixedRate(double value) => double.IsFinite(value) && value >= 0 ? value
        : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, $"optimizer: learning rate must be a finite number >= 0, got {value}");
}
