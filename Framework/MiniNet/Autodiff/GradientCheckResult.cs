using System.Globalization;

namespace MiniNet.Autodiff;

/// <summary>The outcome of a <see cref="GradientCheck"/>: the worst disagreement between the tape's gradient and the finite
/// differences, and where it occurred.</summary>
/// <param name="WorstError">The largest |analytic − numeric| / max(1, |analytic|, |numeric|) over all checked elements
/// (infinity if a derivative was NaN).</param>
/// <param name="InputIndex">Which input (its position in the arguments) the worst element belongs to.</param>
/// <param name="ElementIndex">The worst element's index within that input, one entry per dimension, e.g. [1, 2].</param>
/// <param name="FlatIndex">The same element's position in row-major order.</param>
/// <param name="Analytic">The tape's derivative at that element.</param>
/// <param name="Numeric">The finite-difference derivative at that element.</param>
public sealed record GradientCheckResult(double WorstError, int InputIndex, IReadOnlyList<int> ElementIndex, int FlatIndex, double Analytic, double Numeric)
{
    /// <summary>Whether <see cref="WorstError"/> is at most <see cref="GradientCheck.Tolerance"/>.</summary>
    public bool Passed => WorstError <= GradientCheck.Tolerance;

    /// <summary>A one-line verdict, e.g. "gradient check passed: worst error 3.1E-10 at input 0, element [1, 2] (analytic
    /// 0.268941, numeric 0.268941)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"gradient check {(Passed ? "passed" : "FAILED")}: worst error {WorstError:G3} at input {InputIndex}, element [{string.Join(", ", ElementIndex)}] (analytic {Analytic:G6}, numeric {Numeric:G6})");
}
