using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Tests;

/// <summary>
/// Checks the tape's gradients against finite differences, in float64.
/// <para>For a function f of some input tensors, the scalar objective is L = Σ f(x) ⊙ R, where R is a fixed random tensor
/// shaped like f's output, so every output element matters and errors in different elements cannot cancel.</para>
/// <para>The numerical gradient is the central difference (L(x + h·eⱼ) - L(x - h·eⱼ)) / 2h with h = 1e-6, one element at a time;
/// its truncation error is O(h²) and its rounding error about ε·|L|/h ≈ 1e-10·|L|.</para>
/// <para>For each input, the relative error is ‖analytic - numerical‖₂ / (‖analytic‖₂ + ‖numerical‖₂) over the whole gradient,
/// and must be below 1e-6. A per-input norm is used rather than a per-element ratio because elements whose true gradient is
/// zero or tiny would make a per-element ratio compare rounding noise with rounding noise.</para>
/// </summary>
internal static class GradientChecking
{
    /// <summary>The finite-difference step h.</summary>
    public const double Step = 1e-6;

    /// <summary>The largest relative error accepted.</summary>
    public const double Tolerance = 1e-6;

    private const int WeightsSeed = 20_240_601;

    /// <summary>Asserts that the gradient of Σ f(x) ⊙ R with respect to <paramref name="input"/> matches finite differences.</summary>
    public static void AssertMatchesFiniteDifferences(Func<Tensor, Tensor> function, Tensor input) =>
        AssertMatchesFiniteDifferences(inputs => function(inputs[0]), input);

    /// <summary>Asserts that the gradient of Σ f(x) ⊙ R with respect to every one of <paramref name="inputs"/> matches finite
    /// differences. The inputs are float64 tensors; they are perturbed in place and restored, so the function may also read
    /// them directly (e.g. a model's variables).</summary>
    public static void AssertMatchesFiniteDifferences(Func<Tensor[], Tensor> function, params Tensor[] inputs)
    {
        foreach (var input in inputs)
            Assert.That(input.DType, Is.EqualTo(DType.Float64), "gradient checks run in float64");
        var weights = RandomWeights([.. function(inputs).Shape]);

        Tensor?[] analytic;
        using (var tape = new GradientTape())
        {
            foreach (var input in inputs) tape.Watch(input);
            var objective = (function(inputs) * weights).Sum();
            analytic = tape.Gradient(objective, inputs);
        }

        for (int i = 0; i < inputs.Length; i++)
        {
            var gradient = analytic[i];
            Assert.That(gradient, Is.Not.Null, $"input {i}: the tape returned no gradient");
            Assert.That(gradient!.Shape, Is.EqualTo(inputs[i].Shape), $"input {i}: the gradient's shape differs from the input's");
            var numerical = NumericalGradient(() => (function(inputs) * weights).Sum().Item(), inputs[i]);
            var expected = gradient.ToArray<double>();
            Assert.That(Norm(numerical), Is.GreaterThan(0), $"input {i}: the objective does not depend on it, so the check would prove nothing");
            double error = RelativeError(expected, numerical);
            Assert.That(error, Is.LessThan(Tolerance),
                $"input {i} {ShapeMath.Format([.. inputs[i].Shape])}: relative error {error:E2}; analytic [{string.Join(", ", expected.Select(v => v.ToString("G6")))}] " +
                $"vs numerical [{string.Join(", ", numerical.Select(v => v.ToString("G6")))}]");
        }
    }

    /// <summary>Central differences of <paramref name="objective"/> with respect to each element of <paramref name="x"/> (float64),
    /// perturbing x in place and restoring it.</summary>
    public static double[] NumericalGradient(Func<double> objective, Tensor x)
    {
        var values = x.AsSpan<double>();
        var result = new double[values.Length];
        for (int j = 0; j < result.Length; j++)
        {
            double original = values[j];
            values[j] = original + Step;
            double plus = objective();
            values[j] = original - Step;
            double minus = objective();
            values[j] = original;
            result[j] = (plus - minus) / (2 * Step);
        }
        return result;
    }

    /// <summary>‖a - b‖₂ / (‖a‖₂ + ‖b‖₂), or 0 when both are zero.</summary>
    public static double RelativeError(double[] a, double[] b)
    {
        double scale = Norm(a) + Norm(b);
        return scale == 0 ? 0 : Norm(a.Zip(b, (x, y) => x - y).ToArray()) / scale;
    }

    private static double Norm(double[] values) => Math.Sqrt(values.Sum(v => v * v));

    private static Tensor RandomWeights(int[] shape) => TestTensors.Uniform(WeightsSeed, -1, 1, shape);
}
