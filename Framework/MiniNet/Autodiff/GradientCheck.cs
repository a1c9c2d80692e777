using MiniNet.Tensors;

namespace MiniNet.Autodiff;

/// <summary>
/// Compares the gradients a <see cref="GradientTape"/> computes for a function of tensors with central finite differences, to
/// verify a backward pass you wrote (a <see cref="Ops.CustomOp"/>, a layer's math):
/// <code>
/// var result = GradientCheck.Run(t => softplus(t[0]), x);
/// Console.WriteLine(result);   // passed or failed, the worst error, where, and both values there
/// </code>
/// <para>
/// Everything runs in float64: float64 inputs are used as they are (perturbed in place and restored, so the function may
/// also reach them through a closure, e.g. the variables of a float64 layer); float32 inputs are replaced by float64 copies, so
/// the function must read them from the list it is given. A non-scalar output y is checked through the scalar Σ wᵢ·yᵢ with
/// fixed pseudo-random weights wᵢ in [0.5, 1.5): with all weights 1 (the plain sum), a backward that is only wrong for
/// unequal output gradients would pass, and the gradient of a softmax's sum is 0 whatever the backward does.
/// </para>
/// <para>
/// For each input element x, the numeric derivative is (f(x + h) − f(x − h)) / 2h with step h = <see cref="StepSize"/>·max(1, |x|);
/// its truncation error is of order h² and its rounding error of order 10⁻¹⁶·|f| / h, both about 10⁻¹⁰ for values near 1.
/// The error at an element is |analytic − numeric| / max(1, |analytic|, |numeric|): relative when the derivatives exceed 1,
/// absolute when they are small, so derivatives at or near 0 do not turn rounding noise into a large relative error. A NaN
/// counts as an infinite error. Keep inputs away from kinks (0 for relu, clip bounds), where the two one-sided slopes differ.
/// </para>
/// </summary>
public static class GradientCheck
{
    /// <summary>The relative step of the finite differences, 10⁻⁶ (h = StepSize·max(1, |x|)).</summary>
    public const double StepSize = 1e-6;

    /// <summary>The largest error for which a check passes, 10⁻⁶: a correct backward scores about 10⁻⁹ or less; a wrong one
    /// usually scores above 10⁻².</summary>
    public const double Tolerance = 1e-6;

    private const int WeightSeed = 20240601;

    /// <summary>Checks the tape's gradient of <paramref name="function"/> with respect to every element of every input.</summary>
    /// <param name="function">Computes a tensor from the (float64) inputs it is given, in the order they were passed.</param>
    /// <param name="inputs">The point to check at; at least one tensor, with at least one element in all.</param>
    /// <returns>The worst error found, where, and the analytic and numeric derivatives there.</returns>
    /// <exception cref="ArgumentException">No inputs, or no elements to check.</exception>
    /// <exception cref="InvalidOperationException">The function returned null or a float32 tensor.</exception>
    public static GradientCheckResult Run(Func<IReadOnlyList<Tensor>, Tensor> function, params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0) throw new ArgumentException("gradient check: give at least one input tensor", nameof(inputs));
        foreach (var input in inputs) ArgumentNullException.ThrowIfNull(input, nameof(inputs));
        if (inputs.Sum(i => i.Length) == 0) throw new ArgumentException("gradient check: the inputs have no elements to check", nameof(inputs));

        var points = inputs.Select(i => i.DType == DType.Float64 ? i : i.To(DType.Float64)).ToArray();
        var (analytic, weights) = AnalyticGradients(function, points);

        var worst = new GradientCheckResult(-1, 0, [], 0, 0, 0);
        for (int i = 0; i < points.Length; i++)
        {
            var values = points[i].AsSpan<double>();
            for (int j = 0; j < values.Length; j++)
            {
                double original = values[j];
                double step = StepSize * Math.Max(1, Math.Abs(original));
                double above = original + step, below = original - step;
                values[j] = above;
                double valueAbove = Evaluate(function, points, weights);
                values[j] = below;
                double valueBelow = Evaluate(function, points, weights);
                values[j] = original;

                double numeric = (valueAbove - valueBelow) / (above - below);
                double error = Math.Abs(analytic[i][j] - numeric) / Math.Max(1, Math.Max(Math.Abs(analytic[i][j]), Math.Abs(numeric)));
                if (double.IsNaN(error)) error = double.PositiveInfinity;
                if (error > worst.WorstError)
                    worst = new GradientCheckResult(error, i, Unflatten(j, points[i].ShapeArray), j, analytic[i][j], numeric);
            }
        }
        return worst;
    }

    private static (double[][] Analytic, double[]? Weights) AnalyticGradients(Func<IReadOnlyList<Tensor>, Tensor> function, Tensor[] points)
    {
        using var scope = new TensorScope();
        var tape = new GradientTape();
        Tensor target;
        double[]? weights;
        using (tape)
        {
            foreach (var point in points) tape.Watch(point);
            var output = Call(function, points);
            weights = output.Length == 1 ? null : Weights(output.Length);
            target = weights == null ? output : (output * new Tensor(weights, output.ShapeArray)).Sum();
        }
        var gradients = tape.Gradient(target, points, UnconnectedGradients.Zero);
        return (gradients.Select(g => g!.ToArray<double>()).ToArray(), weights);
    }

    private static double Evaluate(Func<IReadOnlyList<Tensor>, Tensor> function, Tensor[] points, double[]? weights)
    {
        using var scope = new TensorScope();
        var output = Call(function, points).AsSpan<double>();
        if (weights == null) return output[0];
        double sum = 0;
        for (int i = 0; i < output.Length; i++) sum += weights[i] * output[i];
        return sum;
    }

    private static Tensor Call(Func<IReadOnlyList<Tensor>, Tensor> function, Tensor[] points)
    {
        var output = function(points) ?? throw new InvalidOperationException("gradient check: the function returned null instead of a tensor");
        if (output.DType != DType.Float64)
            throw new InvalidOperationException($"gradient check: the function returned a {Tensor.DTypeName(output.DType)} tensor; it must compute from the float64 inputs it is given (float32 inputs are passed as float64 copies)");
        return output;
    }

    private static double[] Weights(int count)
    {
        var random = new Random(WeightSeed);
        return Enumerable.Range(0, count).Select(_ => 0.5 + random.NextDouble()).ToArray();
    }

    private static int[] Unflatten(int flatIndex, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flatIndex % shape[d];
            flatIndex /= shape[d];
        }
        return index;
    }
}
