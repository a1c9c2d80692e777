using System.Runtime.CompilerServices;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

// The checks at the optimizer's doors: the pairs a step is given, and the ranges of a subclass's hyper-parameters.
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

    // Every variable trainable and every gradient shaped and typed like its variable, checked before anything changes.
    private static List<(Tensor? Gradient, Variable Variable)> CheckedPairs(IEnumerable<(Tensor? Gradient, Variable Variable)> gradientsAndVariables)
    {
        ArgumentNullException.ThrowIfNull(gradientsAndVariables);
        var pairs = gradientsAndVariables.ToList();
        foreach (var (gradient, variable) in pairs)
        {
            ArgumentNullException.ThrowIfNull(variable);
            if (!variable.Trainable) throw new ArgumentException($"optimizer: variable '{variable.Name}' is not trainable");
            if (gradient != null && (!gradient.Shape.SequenceEqual(variable.Shape) || gradient.DType != variable.DType))
                throw new ArgumentException($"optimizer: gradient {ShapeMath.Format([.. gradient.Shape])} {Tensor.DTypeName(gradient.DType)} does not match variable '{variable.Name}' {ShapeMath.Format([.. variable.Shape])} {Tensor.DTypeName(variable.DType)}");
        }
        return pairs;
    }
}
