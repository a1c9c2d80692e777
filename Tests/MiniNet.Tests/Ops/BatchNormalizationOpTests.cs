using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class BatchNormalizationOpTests
{
    private const double Epsilon = 1e-3;

    private static Variable Moving(Tensor value, string name) => new(value.Clone(), name, trainable: false);

    /// <summary>Per channel c of x viewed as (rows, channels): the mean and the biased variance, written out.</summary>
    private static (double[] Mean, double[] Variance) NaiveMoments(Tensor x)
    {
        int channels = x.Shape[^1], rows = x.Length / channels;
        var mean = new double[channels];
        var variance = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            for (int r = 0; r < rows; r++) mean[c] += x.GetFlat(r * channels + c) / rows;
            for (int r = 0; r < rows; r++) variance[c] += Math.Pow(x.GetFlat(r * channels + c) - mean[c], 2) / rows;
        }
        return (mean, variance);
    }

    private static double[] NaiveNormalize(Tensor x, Tensor gamma, Tensor beta, double[] mean, double[] variance)
    {
        int channels = x.Shape[^1];
        return [.. Enumerable.Range(0, x.Length).Select(i =>
        {
            int c = i % channels;
            return gamma.GetFlat(c) * (x.GetFlat(i) - mean[c]) / Math.Sqrt(variance[c] + Epsilon) + beta.GetFlat(c);
        })];
    }

    [TestCase(DType.Float64, 1e-12)]
    [TestCase(DType.Float32, 1e-5)]
    public void Training_MatchesTheNaiveReference(DType dtype, double tolerance)
    {
        var x = Uniform(1, -2, 5, 2, 3, 3, 5);
        var gamma = Uniform(2, 0.5, 2, 5);
        var beta = Uniform(3, -1, 1, 5);
        var (mean, variance) = NaiveMoments(x);

        var y = BatchNormalizationOp.Training(x.To(dtype), gamma.To(dtype), beta.To(dtype),
            Moving(Tensor.Zeros([5], dtype), "m"), Moving(Tensor.Ones([5], dtype), "v"), momentum: 0.99, Epsilon);

        var actual = Enumerable.Range(0, y.Length).Select(i => y.GetFlat(i));
        Assert.That(actual, Is.EqualTo(NaiveNormalize(x, gamma, beta, mean, variance)).Within(tolerance));
    }

    [Test]
    public void Training_MovesTheMovingStatisticsTowardTheBatchs()
    {
        var x = Uniform(1, -2, 5, 8, 3);
        var movingMean = Moving(Uniform(2, -1, 1, 3), "moving_mean");
        var movingVariance = Moving(Uniform(3, 0.5, 2, 3), "moving_variance");
        var (oldMean, oldVariance) = (movingMean.ToArray<double>(), movingVariance.ToArray<double>());
        var (mean, variance) = NaiveMoments(x);

        BatchNormalizationOp.Training(x, Tensor.Ones([3], DType.Float64), Tensor.Zeros([3], DType.Float64), movingMean, movingVariance, momentum: 0.9, Epsilon);

        Assert.That(movingMean.ToArray<double>(), Is.EqualTo(oldMean.Zip(mean, (m, b) => 0.9 * m + 0.1 * b)).Within(1e-12));
        Assert.That(movingVariance.ToArray<double>(), Is.EqualTo(oldVariance.Zip(variance, (m, b) => 0.9 * m + 0.1 * b)).Within(1e-12));
    }

    [TestCase(new[] { 6, 4 })]
    [TestCase(new[] { 2, 3, 3, 5 })]
    public void Training_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        int channels = shape[^1];
        var x = Uniform(1, -2, 3, shape);
        var gamma = Uniform(2, 0.5, 2, channels);
        var beta = Uniform(3, -1, 1, channels);
        var movingMean = Moving(Tensor.Zeros([channels], DType.Float64), "m");
        var movingVariance = Moving(Tensor.Ones([channels], DType.Float64), "v");

        GradientChecking.AssertMatchesFiniteDifferences(
            inputs => BatchNormalizationOp.Training(inputs[0], inputs[1], inputs[2], movingMean, movingVariance, 0.99, Epsilon), x, gamma, beta);
    }

    /// <summary>y = BN(x)·x: the multiply's contribution reaches x's gradient first, and the batch norm's is added to it.</summary>
    [Test]
    public void Training_InputAlsoReadByAnotherOp_GradientMatchesFiniteDifferences()
    {
        var x = Uniform(6, -2, 3, 5, 3);
        var gamma = Uniform(7, 0.5, 2, 3);
        var beta = Uniform(8, -1, 1, 3);
        var movingMean = Moving(Tensor.Zeros([3], DType.Float64), "m");
        var movingVariance = Moving(Tensor.Ones([3], DType.Float64), "v");

        GradientChecking.AssertMatchesFiniteDifferences(
            inputs => BatchNormalizationOp.Training(inputs[0], inputs[1], inputs[2], movingMean, movingVariance, 0.99, Epsilon) * inputs[0],
            x, gamma, beta);
    }

    [TestCase(DType.Float64, 1e-12)]
    [TestCase(DType.Float32, 1e-5)]
    public void Inference_UsesTheGivenStatistics(DType dtype, double tolerance)
    {
        var x = Uniform(1, -2, 5, 4, 2, 2, 3);
        var gamma = Uniform(2, 0.5, 2, 3);
        var beta = Uniform(3, -1, 1, 3);
        var mean = Uniform(4, -1, 1, 3);
        var variance = Uniform(5, 0.5, 2, 3);

        var y = BatchNormalizationOp.Inference(x.To(dtype), gamma.To(dtype), beta.To(dtype), mean.To(dtype), variance.To(dtype), Epsilon);

        var actual = Enumerable.Range(0, y.Length).Select(i => y.GetFlat(i));
        Assert.That(actual, Is.EqualTo(NaiveNormalize(x, gamma, beta, mean.ToArray<double>(), variance.ToArray<double>())).Within(tolerance));
    }

    [Test]
    public void Inference_Gradient_MatchesFiniteDifferencesForEveryInput()
    {
        var x = Uniform(1, -2, 3, 3, 2, 4);
        var gamma = Uniform(2, 0.5, 2, 4);
        var beta = Uniform(3, -1, 1, 4);
        var mean = Uniform(4, -1, 1, 4);
        var variance = Uniform(5, 0.5, 2, 4);

        GradientChecking.AssertMatchesFiniteDifferences(
            inputs => BatchNormalizationOp.Inference(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], Epsilon), x, gamma, beta, mean, variance);
    }

    /// <summary>A large float32 batch far from zero: block-wise sums keep the statistics accurate where one running float32
    /// sum of 100,000 rows would drift by about 1e-3 of the mean.</summary>
    [Test]
    public void Training_LargeFloat32BatchFarFromZero_NormalisesToMeanZeroVarianceOne()
    {
        var x = (Uniform(6, 1000, 1002, 100_000, 2)).To(DType.Float32);
        var y = BatchNormalizationOp.Training(x, Tensor.Ones([2]), Tensor.Zeros([2]),
            Moving(Tensor.Zeros([2]), "m"), Moving(Tensor.Ones([2]), "v"), momentum: 0.99, epsilon: 1e-6);

        var (mean, variance) = NaiveMoments(y);
        Assert.That(mean, Is.All.EqualTo(0).Within(1e-3));
        Assert.That(variance, Is.All.EqualTo(1).Within(1e-3));
    }

    [Test]
    public void Training_OnATape_RecordsOneOpReadingXGammaAndBetaOnly()
    {
        var x = Tensor.Ones([4, 3]);
        var gamma = new Variable(Tensor.Ones([3]), "bn/gamma");
        var beta = new Variable(Tensor.Zeros([3]), "bn/beta");
        using var tape = new GradientTape();
        tape.Watch(x);

        BatchNormalizationOp.Training(x, gamma, beta, Moving(Tensor.Zeros([3]), "bn/moving_mean"), Moving(Tensor.Ones([3]), "bn/moving_variance"), 0.99, Epsilon);

        Assert.That(tape.Operations.Single().ToString(), Is.EqualTo("batch_norm (4,3) x (3) x (3) -> (4,3)"));
        Assert.That(tape.Graph.ToString(), Does.Not.Contain("moving"));
        Assert.That(GraphvizExport.ToDot(tape.Graph), Does.Contain(@"batch_norm\n(4,3)"));
    }

    [Test]
    public void Inference_GammaNotAVectorOfTheChannels_ThrowsNamingTheOpAndTheShapes()
    {
        var ones = Tensor.Ones([3]);

        Assert.That(() => BatchNormalizationOp.Inference(Tensor.Ones([2, 3]), Tensor.Ones([4]), ones, ones, ones, Epsilon),
            Throws.ArgumentException.With.Message.EqualTo("batch_norm: x (2,3): gamma (4) must be a vector of x's 3 channels"));
    }
}
