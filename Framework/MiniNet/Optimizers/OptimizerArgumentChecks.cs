using System.Runtime.CompilerServices;
using MiniNet.Tensors;

namespace MiniNet.Optimizers;

// The checks of the hyper-parameters, where a subclass's constructor or a setter takes them, and of the gradients and
// variables ApplyGradients is given.
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

    /// <summary>Checks, before anything changes, that there is one gradient per variable, every variable trainable and every
    /// gradient shaped and typed like its variable.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, a gradient's shape or dtype differs from its variable's, or a variable is not trainable.</exception>
    protected static void CheckPairs(IReadOnlyList<Tensor?> gradients, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(variables);
        if (gradients.Count != variables.Count)
            throw new ArgumentException($"optimizer: {gradients.Count} gradients for {variables.Count} variables", nameof(gradients));
        for (int i = 0; i < variables.Count; i++)
        {
            var (gradient, variable) = (gradients[i], variables[i]);
            ArgumentNullException.ThrowIfNull(variable);
            if (!variable.Trainable) throw new ArgumentException($"optimizer: variable '{variable.Name}' is not trainable");
            if (gradient != null && (!gradient.ShapeArray.AsSpan().SequenceEqual(variable.ShapeArray) || gradient.DType != variable.DType))
                throw new ArgumentException($"optimizer: gradient {ShapeMath.Format([.. gradient.Shape])} {Tensor.DTypeName(gradient.DType)} does not match variable '{variable.Name}' {ShapeMath.Format([.. variable.Shape])} {Tensor.DTypeName(variable.DType)}");
        }
    }
}
