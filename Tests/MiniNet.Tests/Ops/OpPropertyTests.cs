using System.Diagnostics;
using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Tests.Ops;

/// <summary>
/// A property-style test: seeded random shapes (ranks 0 to 4, empty dimensions, mismatched ranks), dtypes, axes (negative and
/// out of range) and values (NaN, ±infinity, zeros, large and tiny numbers) thrown at every op. Each case either matches a
/// plain reference written here, element by element in float64, or, when the reference says the arguments are invalid, throws
/// an <see cref="ArgumentException"/>; anything else (another exception, a wrong value, a result where an error was due) fails.
/// Valid cases also run backward, which must give each input a gradient of its shape. Every case runs in a
/// <see cref="TensorScope"/>, so an output element an op forgets to write shows up as a stale value from the pool.
/// </summary>
public class OpPropertyTests
{
    private const int Cases = 600;

    // What a reference computes: each output element with the magnitude of the terms it came from (for the tolerance).
    private sealed record Expected(int[] Shape, double[] Values, double[] Scale);

    private sealed record Case(string Op, string Details, Tensor[] Inputs, Func<Tensor> Run, Expected? Expected);

    [Test]
    public void EveryOp_RandomShapesAxesAndValues_GivesTheReferenceResultOrAnArgumentException()
    {
        var random = new Random(20240611);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var counts = new Dictionary<string, (int Valid, int Invalid)>();
        for (int i = 0; i < Cases; i++)
        {
            using var scope = new TensorScope();
            var @case = Builders[random.Next(Builders.Length)](random);
            string? failure = Check(@case);
            if (failure != null) failures.Add($"case {i}, {@case.Op}{@case.Details} on {string.Join(" and ", @case.Inputs.Select(Describe))}: {failure}");
            var (valid, invalid) = counts.GetValueOrDefault(@case.Op);
            counts[@case.Op] = @case.Expected == null ? (valid, invalid + 1) : (valid + 1, invalid);
        }

        TestContext.Out.WriteLine($"{Cases} cases in {clock.Elapsed.TotalSeconds:F2} s; valid/invalid by op: "
            + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value.Valid}/{c.Value.Invalid}")));
        Assert.That(failures, Is.Empty);
        Assert.That(counts.Values.Select(c => c.Valid), Has.All.GreaterThan(0), "every op was run on valid arguments");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    private static string? Check(Case @case)
    {
        Tensor result;
        try
        {
            result = @case.Run();
        }
        catch (ArgumentException error)
        {
            return @case.Expected == null ? null : $"threw {error.GetType().Name} for valid arguments: {error.Message}";
        }
        catch (Exception error)
        {
            return $"threw {error.GetType().Name} (not an ArgumentException): {error.Message}";
        }
        if (@case.Expected is not { } expected) return $"returned {Describe(result)} instead of throwing an ArgumentException";
        if (!result.Shape.SequenceEqual(expected.Shape)) return $"shape {ShapeMath.Format([.. result.Shape])}, expected {ShapeMath.Format(expected.Shape)}";
        if (result.DType != @case.Inputs[0].DType) return $"dtype {Tensor.DTypeName(result.DType)}";
        double epsilon = result.DType == DType.Float32 ? 1e-5 : 1e-12;
        for (int i = 0; i < result.Length; i++)
        {
            double actual = result.GetFlat(i);
            double want = result.DType == DType.Float32 ? (float)expected.Values[i] : expected.Values[i];
            bool same = double.IsNaN(want) ? double.IsNaN(actual)
                : actual == want || Math.Abs(actual - want) <= epsilon * (expected.Scale[i] + Math.Abs(want)) + 1e-30;
            if (!same) return $"element {i} is {actual:R}, expected {want:R}";
        }
        return CheckBackward(@case);
    }

    // Backward must not crash on any valid input, and each gradient must be shaped like its input.
    private static string? CheckBackward(Case @case)
    {
        try
        {
            using var tape = new GradientTape();
            // Class labels (int32) are indices, not values: they have no gradient to ask for.
            Tensor[] differentiable = [.. @case.Inputs.Where(input => input.DType != DType.Int32)];
            foreach (var input in differentiable) tape.Watch(input);
            var output = @case.Run();
            var gradients = tape.Gradient(output.Sum(), differentiable, UnconnectedGradients.Zero);
            for (int i = 0; i < gradients.Length; i++)
                if (!gradients[i]!.Shape.SequenceEqual(differentiable[i].Shape))
                    return $"the gradient of input {i} is {ShapeMath.Format([.. gradients[i]!.Shape])}";
            return null;
        }
        catch (Exception error)
        {
            return $"backward threw {error.GetType().Name}: {error.Message}";
        }
    }

    private static string Describe(Tensor tensor) => $"{ShapeMath.Format([.. tensor.Shape])} {Tensor.DTypeName(tensor.DType)}";

    // ---- random arguments ----

    private static int[] RandomShape(Random random, int minRank = 0) =>
        [.. Enumerable.Range(0, random.Next(minRank, 5)).Select(_ => random.Next(8) == 0 ? 0 : random.Next(1, 5))];

    private static double RandomValue(Random random) => random.Next(20) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => 0,
        4 => (random.Next(2) == 0 ? 1 : -1) * 1e15 * random.NextDouble(),
        5 => (random.Next(2) == 0 ? 1 : -1) * 1e-20 * random.NextDouble(),
        _ => random.NextDouble() * 10 - 5,
    };

    private static Tensor RandomTensor(Random random, int[] shape, DType dtype)
    {
        var tensor = Tensor.Zeros(shape, dtype);
        bool special = random.Next(3) > 0;
        for (int i = 0; i < tensor.Length; i++) tensor.SetFlat(i, special ? RandomValue(random) : random.NextDouble() * 10 - 5);
        return tensor;
    }

    private static DType RandomDType(Random random) => random.Next(2) == 0 ? DType.Float32 : DType.Float64;

    // Mostly the first tensor's dtype; now and then the other, which every two-input op must reject.
    private static DType SecondDType(Random random, DType first) => random.Next(12) == 0 ? (first == DType.Float32 ? DType.Float64 : DType.Float32) : first;

    private static int? RandomAxis(Random random, int rank, bool allowNull) =>
        allowNull && random.Next(4) == 0 ? null : random.Next(-rank - 1, rank + 1);

    // The values as float64, as the op sees them (float32 tensors hold float32 values).
    private static double[] Values(Tensor tensor) => [.. Enumerable.Range(0, tensor.Length).Select(tensor.GetFlat)];

    // ---- the ops, each with a reference ----

    private static readonly Func<Random, Case>[] Builders =
    [
        Unary("negate", x => -x, v => -v),
        Unary("exp", x => x.Exp(), Math.Exp),
        Unary("log", x => x.Log(), Math.Log),
        Unary("sqrt", x => x.Sqrt(), Math.Sqrt),
        Unary("square", x => x.Square(), v => v * v),
        Unary("relu", x => x.Relu(), v => double.IsNaN(v) ? v : Math.Max(v, 0)),
        Unary("sigmoid", x => x.Sigmoid(), v => 1 / (1 + Math.Exp(-v))),
        Unary("tanh", x => x.Tanh(), Math.Tanh),
        Clip,
        Binary("add", (a, b) => a + b, (a, b) => a + b),
        Binary("subtract", (a, b) => a - b, (a, b) => a - b),
        Binary("multiply", (a, b) => a * b, (a, b) => a * b),
        Binary("divide", (a, b) => a / b, (a, b) => a / b),
        Binary("sigmoid_cross_entropy", SigmoidCrossEntropyOp.Apply, (x, z) => Math.Max(x, 0) - x * z + Math.Log(1 + Math.Exp(-Math.Abs(x))), sameShape: true),
        BiasActivation(FusibleActivation.Relu, v => double.IsNaN(v) ? v : Math.Max(v, 0)),
        BiasActivation(FusibleActivation.Sigmoid, v => 1 / (1 + Math.Exp(-v))),
        BiasActivation(FusibleActivation.Tanh, Math.Tanh),
        SoftmaxCrossEntropy,
        WithConstant("add constant", (x, c) => x + c, (v, c) => v + c),
        WithConstant("constant minus", (x, c) => c - x, (v, c) => c - v),
        WithConstant("multiply by constant", (x, c) => x * c, (v, c) => v * c),
        WithConstant("divide by constant", (x, c) => x / c, (v, c) => v / c),
        Reduction("sum", (x, axis, keep) => x.Sum(axis, keep), line => line.Sum(), allowEmpty: true),
        Reduction("mean", (x, axis, keep) => x.Mean(axis, keep), line => line.Sum() / line.Length, allowEmpty: true),
        Reduction("max", (x, axis, keep) => x.Max(axis, keep), line => line.Any(double.IsNaN) ? double.NaN : line.Max(), allowEmpty: false),
        Softmax("softmax", (x, axis) => x.Softmax(axis), log: false),
        Softmax("log_softmax", (x, axis) => x.LogSoftmax(axis), log: true),
        MatMul,
        Conv2D,
        Transpose,
        Reshape,
        Embedding,
    ];

    private static Func<Random, Case> Unary(string name, Func<Tensor, Tensor> op, Func<double, double> reference) => random =>
    {
        var x = RandomTensor(random, RandomShape(random), RandomDType(random));
        double[] values = Values(x);
        return new Case(name, "", [x], () => op(x), new Expected([.. x.Shape], [.. values.Select(reference)], [.. values.Select(Math.Abs)]));
    };

    private static Case Clip(Random random)
    {
        var x = RandomTensor(random, RandomShape(random), RandomDType(random));
        double low = RandomValue(random), high = RandomValue(random);
        if (random.Next(3) > 0 && low > high) (low, high) = (high, low);
        var (lowT, highT) = x.DType == DType.Float32 ? ((double)(float)low, (double)(float)high) : (low, high);
        bool valid = low <= high;
        double[] values = Values(x);
        return new Case("clip", $" [{low}, {high}]", [x], () => x.Clip(low, high),
            valid ? new Expected([.. x.Shape], [.. values.Select(v => double.IsNaN(v) ? v : Math.Min(Math.Max(v, lowT), highT))], new double[x.Length]) : null);
    }

    private static Func<Random, Case> Binary(string name, Func<Tensor, Tensor, Tensor> op, Func<double, double, double> reference, bool sameShape = false) => random =>
    {
        int[] aShape = RandomShape(random);
        int[] bShape = random.Next(4) switch
        {
            0 => aShape,
            1 => RandomShape(random),
            _ => [.. aShape.Skip(random.Next(aShape.Length + 1)).Select(d => random.Next(3) == 0 ? 1 : d)],
        };
        if (random.Next(6) == 0) (aShape, bShape) = (bShape, aShape);
        var a = RandomTensor(random, aShape, RandomDType(random));
        var b = RandomTensor(random, bShape, SecondDType(random, a.DType));
        Expected? expected = null;
        if (a.DType == b.DType && (sameShape ? aShape.SequenceEqual(bShape) : Broadcast(aShape, bShape) != null))
        {
            int[] shape = sameShape ? aShape : Broadcast(aShape, bShape)!;
            double[] av = Values(a), bv = Values(b);
            var indices = Indices(shape).ToList();
            var values = indices.Select(index => reference(av[BroadcastFlat(index, aShape)], bv[BroadcastFlat(index, bShape)])).ToArray();
            var scale = indices.Select(index =>
            {
                double x = Math.Abs(av[BroadcastFlat(index, aShape)]), y = Math.Abs(bv[BroadcastFlat(index, bShape)]);
                return x * (1 + y) + y;
            }).ToArray();
            expected = new Expected(shape, values, scale);
        }
        return new Case(name, "", [a, b], () => op(a, b), expected);
    };

    // f(x + bias), the bias a vector as long as x's last dimension. The reference adds in float64; a float32 op rounds the sum
    // to float32 first, an error of at most half an ulp of |x + b| that f (slope at most 1) does not grow, so the scale is
    // |x| + |b| as for add.
    private static Func<Random, Case> BiasActivation(FusibleActivation activation, Func<double, double> reference) => random =>
    {
        int[] xShape = RandomShape(random, minRank: random.Next(8) == 0 ? 0 : 1);
        int last = xShape.Length > 0 ? xShape[^1] : random.Next(0, 5);
        int[] biasShape = random.Next(10) switch
        {
            0 => [last + random.Next(1, 3)],
            1 => RandomShape(random),
            _ => [last],
        };
        var x = RandomTensor(random, xShape, RandomDType(random));
        var bias = RandomTensor(random, biasShape, SecondDType(random, x.DType));
        Expected? expected = null;
        if (x.DType == bias.DType && xShape.Length >= 1 && biasShape.Length == 1 && biasShape[0] == xShape[^1])
        {
            double[] xv = Values(x), bv = Values(bias);
            expected = new Expected(xShape, [.. xv.Select((v, i) => reference(v + bv[i % last]))],
                [.. xv.Select((v, i) => Math.Abs(v) + Math.Abs(bv[i % last]))]);
        }
        return new Case(BiasActivationOp.NameOf(activation), "", [x, bias], () => BiasActivationOp.Apply(x, bias, activation), expected);
    };

    // Per row: log Σ exp(z) - z[label], max-subtracted as the op does it. Rows with an infinite or NaN logit come out the same
    // way in the reference and the op (NaN when the max is +inf, -inf or NaN; +inf when only the label's logit is -inf), so the
    // logits take RandomTensor's special values. Labels are ClassLabels (checked when made, so never negative); ones of more
    // classes than the logits have, of another batch, or float labels must be rejected.
    private static Case SoftmaxCrossEntropy(Random random)
    {
        int batch = random.Next(6) == 0 ? 0 : random.Next(1, 5), classes = random.Next(10) == 0 ? 0 : random.Next(1, 6);
        int[] logitsShape = random.Next(10) == 0 ? RandomShape(random) : [batch, classes];
        if (logitsShape.Length == 2) (batch, classes) = (logitsShape[0], logitsShape[1]);
        // Class labels are (batch) or (batch, 1) by construction; a float tensor of any shape stands for labels of the wrong kind.
        int labelCount = random.Next(16) switch { 0 => batch + 1, _ => batch };
        bool column = random.Next(4) == 0, floatLabels = random.Next(16) == 0;
        var logits = RandomTensor(random, logitsShape, RandomDType(random));
        int[] indices = [.. Enumerable.Range(0, labelCount).Select(_ => random.Next(24) == 0 ? classes : random.Next(Math.Max(classes, 1)))];
        var labels = floatLabels ? RandomTensor(random, RandomShape(random), RandomDType(random)) : new ClassLabels(indices, asColumn: column);
        double[] z = Values(logits), labelValues = Values(labels);
        bool shapeFits = logitsShape.Length == 2 && !floatLabels && labelCount == batch;
        Expected? expected = null;
        if (shapeFits && labelValues.All(l => l == Math.Floor(l) && l >= 0 && l < classes))
        {
            double[] values = new double[batch], scale = new double[batch];
            for (int row = 0; row < batch; row++)
            {
                var line = z.AsSpan(row * classes, classes).ToArray();
                double max = line.Any(double.IsNaN) ? double.NaN : line.Max();
                double sum = line.Sum(v => Math.Exp(v - max));
                double picked = line[(int)labelValues[row]];
                values[row] = max - picked + Math.Log(sum);
                // The sum is at least 1 (the max's own term), so rounding it costs about an ulp of 1 in the log: hence the 1.
                scale[row] = Math.Abs(max) + Math.Abs(picked) + Math.Abs(Math.Log(sum)) + 1;
            }
            expected = new Expected([batch], values, scale);
        }
        return new Case("softmax_cross_entropy", $" labels {Describe(labels)} [{string.Join(", ", labelValues)}]", [logits, labels],
            () => SoftmaxCrossEntropyOp.Apply(logits, labels), expected);
    }

    private static Func<Random, Case> WithConstant(string name, Func<Tensor, double, Tensor> op, Func<double, double, double> reference) => random =>
    {
        var x = RandomTensor(random, RandomShape(random), RandomDType(random));
        double constant = RandomValue(random);
        double stored = x.DType == DType.Float32 ? (float)constant : constant;
        double[] values = Values(x);
        return new Case(name, $" {constant}", [x], () => op(x, constant),
            new Expected([.. x.Shape], [.. values.Select(v => reference(v, stored))], [.. values.Select(v => Math.Abs(v) + Math.Abs(stored))]));
    };

    private static Func<Random, Case> Reduction(string name, Func<Tensor, int?, bool, Tensor> op, Func<double[], double> reference, bool allowEmpty) => random =>
    {
        var x = RandomTensor(random, RandomShape(random), RandomDType(random));
        int rank = x.Rank;
        int? axis = RandomAxis(random, rank, allowNull: true);
        bool keepDims = random.Next(2) == 0;
        int[] shape = [.. x.Shape];
        double[] values = Values(x);
        Expected? expected = null;
        if (axis is not { } given)
        {
            if (allowEmpty || values.Length > 0)
                expected = new Expected(keepDims ? [.. shape.Select(_ => 1)] : [], [reference(values)], [values.Sum(Math.Abs)]);
        }
        else if (given >= -rank && given < rank)
        {
            int a = given < 0 ? given + rank : given;
            int[] outShape = keepDims ? [.. shape.Select((d, i) => i == a ? 1 : d)] : [.. shape.Where((_, i) => i != a)];
            if (allowEmpty || shape[a] > 0)
            {
                var lines = Indices([.. shape.Select((d, i) => i == a ? 1 : d)])
                    .Select(index => Enumerable.Range(0, shape[a]).Select(j => values[Flat([.. index.Select((v, i) => i == a ? j : v)], shape)]).ToArray())
                    .ToList();
                expected = new Expected(outShape, [.. lines.Select(reference)], [.. lines.Select(line => line.Sum(Math.Abs))]);
            }
        }
        return new Case(name, $" axis {axis?.ToString() ?? "all"} keepDims {keepDims}", [x], () => op(x, axis, keepDims), expected);
    };

    private static Func<Random, Case> Softmax(string name, Func<Tensor, int, Tensor> op, bool log) => random =>
    {
        var x = RandomTensor(random, RandomShape(random), RandomDType(random));
        int rank = x.Rank;
        int axis = RandomAxis(random, rank, allowNull: false)!.Value;
        Expected? expected = null;
        if (axis >= -rank && axis < rank)
        {
            int a = axis < 0 ? axis + rank : axis;
            int[] shape = [.. x.Shape];
            double[] values = Values(x), result = new double[values.Length], scale = new double[values.Length];
            foreach (var index in Indices([.. shape.Select((d, i) => i == a ? 1 : d)]))
            {
                int[] at = [.. Enumerable.Range(0, shape[a]).Select(j => Flat([.. index.Select((v, i) => i == a ? j : v)], shape))];
                if (at.Length == 0) continue;
                double max = at.Any(i => double.IsNaN(values[i])) ? double.NaN : at.Max(i => values[i]);
                double sum = at.Sum(i => Math.Exp(values[i] - max));
                foreach (int i in at)
                {
                    result[i] = log ? values[i] - (Math.Log(sum) + max) : Math.Exp(values[i] - max) / sum;
                    scale[i] = log ? Math.Abs(values[i]) + Math.Abs(max) + Math.Abs(Math.Log(sum)) : shape[a];
                }
            }
            expected = new Expected(shape, result, scale);
        }
        return new Case(name, $" axis {axis}", [x], () => op(x, axis), expected);
    };

    private static Case MatMul(Random random)
    {
        int m = random.Next(0, 4), k = random.Next(0, 4), n = random.Next(0, 4);
        int[] aShape = random.Next(6) == 0 ? RandomShape(random) : [m, k];
        int[] bShape = random.Next(6) == 0 ? RandomShape(random) : [random.Next(8) == 0 ? k + 1 : k, n];
        var a = RandomTensor(random, aShape, RandomDType(random));
        var b = RandomTensor(random, bShape, SecondDType(random, a.DType));
        Expected? expected = null;
        // torch.matmul's rule as MiniNet takes it: A (..., m, k) · B (k, n), or B (..., k, n) with A's leading dimensions.
        bool sharedB = bShape.Length == 2, batched = aShape.Length > 2 && (sharedB || bShape.AsSpan(0, bShape.Length - 2).SequenceEqual(aShape.AsSpan(0, aShape.Length - 2)));
        if (a.DType == b.DType && bShape.Length >= 2 && (aShape.Length == 2 ? sharedB : batched) && aShape[^1] == bShape[^2])
        {
            (m, k, n) = (aShape[^2], aShape[^1], bShape[^1]);
            int batch = ShapeMath.ElementCount(aShape.AsSpan(0, aShape.Length - 2));
            double[] av = Values(a), bv = Values(b), values = new double[batch * m * n], scale = new double[batch * m * n];
            for (int s = 0; s < batch; s++)
            for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            for (int p = 0; p < k; p++)
            {
                double product = av[(s * m + i) * k + p] * bv[(sharedB ? 0 : s * k * n) + p * n + j];
                values[(s * m + i) * n + j] += product;
                scale[(s * m + i) * n + j] += Math.Abs(product);
            }
            expected = new Expected([.. aShape[..^1], n], values, scale);
        }
        return new Case("matmul", "", [a, b], () => a.MatMul(b), expected);
    }

    // Small images (some empty), kernels up to 3×3, strides 1-2 (now and then 0), both paddings; now and then a wrong rank,
    // mismatched channels, a kernel too large for 'valid' or an empty kernel, all of which must throw. The reference pads
    // with zeros and sums every product, so 0 times an infinite weight in the padding gives NaN, as in a matrix product.
    private static Case Conv2D(Random random)
    {
        int channels = random.Next(0, 4);
        int[] inputShape = random.Next(8) == 0 ? RandomShape(random) : [random.Next(0, 3), random.Next(6) == 0 ? 0 : random.Next(2, 6), random.Next(6) == 0 ? 0 : random.Next(2, 6), channels];
        int[] kernelShape = random.Next(8) == 0 ? RandomShape(random)
            : [random.Next(10) == 0 ? 0 : random.Next(1, 4), random.Next(1, 4), random.Next(10) == 0 ? channels + 1 : channels, random.Next(0, 4)];
        int strideH = random.Next(12) == 0 ? 0 : random.Next(1, 3), strideW = random.Next(1, 3);
        var padding = random.Next(2) == 0 ? Padding.Valid : Padding.Same;
        var x = RandomTensor(random, inputShape, RandomDType(random));
        var w = RandomTensor(random, kernelShape, SecondDType(random, x.DType));
        Expected? expected = null;
        if (x.DType == w.DType && inputShape.Length == 4 && kernelShape.Length == 4 && inputShape[3] == kernelShape[2]
            && kernelShape[0] >= 1 && kernelShape[1] >= 1 && strideH >= 1
            && (padding == Padding.Same || (inputShape[1] >= kernelShape[0] && inputShape[2] >= kernelShape[1])))
        {
            var (n, h, wd, c) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3]);
            var (kh, kw, cout) = (kernelShape[0], kernelShape[1], kernelShape[3]);
            int ho = padding == Padding.Same ? (h + strideH - 1) / strideH : (h - kh) / strideH + 1;
            int wo = padding == Padding.Same ? (wd + strideW - 1) / strideW : (wd - kw) / strideW + 1;
            int top = padding == Padding.Same ? Math.Max((ho - 1) * strideH + kh - h, 0) / 2 : 0;
            int left = padding == Padding.Same ? Math.Max((wo - 1) * strideW + kw - wd, 0) / 2 : 0;
            double[] xv = Values(x), wv = Values(w), values = new double[n * ho * wo * cout], scale = new double[values.Length];
            for (int b = 0; b < n; b++)
            for (int oy = 0; oy < ho; oy++)
            for (int ox = 0; ox < wo; ox++)
            for (int o = 0; o < cout; o++)
            for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++)
            for (int ci = 0; ci < c; ci++)
            {
                int iy = oy * strideH - top + ky, ix = ox * strideW - left + kx;
                double input = iy >= 0 && iy < h && ix >= 0 && ix < wd ? xv[((b * h + iy) * wd + ix) * c + ci] : 0;
                double term = input * wv[((ky * kw + kx) * c + ci) * cout + o];
                int at = ((b * ho + oy) * wo + ox) * cout + o;
                values[at] += term;
                scale[at] += Math.Abs(term);
            }
            expected = new Expected([n, ho, wo, cout], values, scale);
        }
        return new Case("conv2d", $" strides ({strideH},{strideW}) {padding}", [x, w], () => Conv2DOp.Apply(x, w, strideH, strideW, padding), expected);
    }

    private static Case Transpose(Random random)
    {
        var x = RandomTensor(random, RandomShape(random), RandomDType(random));
        int rank = x.Rank;
        int[] axes = [.. Enumerable.Range(0, rank).OrderBy(_ => random.Next())];
        switch (random.Next(6))
        {
            case 0 when rank > 0: axes[random.Next(rank)] = random.Next(-rank, rank); break;   // a duplicate or a negative axis
            case 1: axes = [.. axes, rank]; break;
        }
        bool valid = axes.Order().SequenceEqual(Enumerable.Range(0, rank));
        int[] shape = [.. x.Shape];
        Expected? expected = null;
        if (valid)
        {
            int[] outShape = [.. axes.Select(axis => shape[axis])];
            double[] values = Values(x);
            var result = Indices(outShape).Select(index =>
            {
                var source = new int[rank];
                for (int d = 0; d < rank; d++) source[axes[d]] = index[d];
                return values[Flat(source, shape)];
            }).ToArray();
            expected = new Expected(outShape, result, new double[result.Length]);
        }
        return new Case("transpose", $" ({string.Join(",", axes)})", [x], () => x.Transpose(axes), expected);
    }

    private static Case Reshape(Random random)
    {
        var x = RandomTensor(random, RandomShape(random), RandomDType(random));
        int[] target = random.Next(3) == 0 ? RandomShape(random) : [.. x.Shape.OrderBy(_ => random.Next())];
        if (target.Length > 0 && random.Next(2) == 0) target[random.Next(target.Length)] = random.Next(6) == 0 ? -2 : -1;
        if (target.Length > 1 && random.Next(8) == 0) target[0] = target[^1] = -1;
        int[]? resolved = null;
        int inferred = Array.IndexOf(target, -1);
        if (target.Count(d => d == -1) <= 1 && target.All(d => d >= -1))
        {
            long known = target.Where(d => d != -1).Aggregate(1L, (p, d) => p * d);
            if (inferred < 0 && known == x.Length) resolved = target;
            else if (inferred >= 0 && known > 0 && x.Length % known == 0)
                resolved = [.. target.Select(d => d == -1 ? (int)(x.Length / known) : d)];
        }
        double[] values = Values(x);
        return new Case("reshape", $" to {ShapeMath.Format(target)}", [x], () => x.Reshape(target),
            resolved == null ? null : new Expected(resolved, values, new double[values.Length]));
    }

    // Ids of any rank (a scalar must throw), mostly whole numbers in [0, vocabulary); now and then one that is not (a
    // fraction, a negative, NaN, one past the end) or a table that is not rank 2, all of which must throw. The reference
    // copies row id of the table for every id.
    private static Case Embedding(Random random)
    {
        int[] tableShape = random.Next(8) == 0 ? RandomShape(random) : [random.Next(8) == 0 ? 0 : random.Next(1, 5), random.Next(0, 4)];
        var table = RandomTensor(random, tableShape, RandomDType(random));
        int rows = tableShape.Length == 2 ? tableShape[0] : 1;
        var ids = Tensor.Zeros(RandomShape(random, minRank: random.Next(8) == 0 ? 0 : 1), SecondDType(random, table.DType));
        for (int i = 0; i < ids.Length; i++) ids.SetFlat(i, random.Next(Math.Max(rows, 1)));
        if (ids.Length > 0 && random.Next(6) == 0)
            ids.SetFlat(random.Next(ids.Length), random.Next(4) switch { 0 => 0.5, 1 => -1, 2 => double.NaN, _ => rows });
        Expected? expected = null;
        double[] idValues = Values(ids);
        if (ids.DType == table.DType && ids.Rank >= 1 && table.Rank == 2 && idValues.All(id => id >= 0 && id < rows && id == Math.Floor(id)))
        {
            int width = tableShape[1];
            double[] tableValues = Values(table);
            double[] values = [.. idValues.SelectMany(id => tableValues.Skip((int)id * width).Take(width))];
            expected = new Expected([.. ids.Shape, width], values, new double[values.Length]);
        }
        return new Case("embedding", "", [ids, table], () => EmbeddingOp.Apply(ids, table), expected);
    }

    // ---- shape arithmetic for the references ----

    private static int[]? Broadcast(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= a.Length ? a[^i] : 1, db = i <= b.Length ? b[^i] : 1;
            if (da != db && da != 1 && db != 1) return null;
            result[rank - i] = da == 1 ? db : da;
        }
        return result;
    }

    // The flat position in an operand of `shape` of the element a broadcast result reads at `index`.
    private static int BroadcastFlat(int[] index, int[] shape)
    {
        int shift = index.Length - shape.Length;
        return Flat([.. shape.Select((d, i) => d == 1 ? 0 : index[i + shift])], shape);
    }

    private static int Flat(int[] index, int[] shape)
    {
        int flat = 0;
        for (int d = 0; d < shape.Length; d++) flat = flat * shape[d] + index[d];
        return flat;
    }

    // Every index of `shape` in row-major order (one, the empty index, for a scalar; none when a dimension is 0).
    private static IEnumerable<int[]> Indices(int[] shape)
    {
        if (shape.Any(d => d == 0)) yield break;
        var index = new int[shape.Length];
        while (true)
        {
            yield return (int[])index.Clone();
            int d = shape.Length - 1;
            while (d >= 0 && ++index[d] == shape[d]) index[d--] = 0;
            if (d < 0) yield break;
        }
    }
}
