using MiniNet.Losses;
using MiniNet.Metrics;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Tests.Metrics;

public class AccuracyTests
{
    // One output per example, targets 1, 1, 0, 0. At threshold 0 (logits) the predictions are 1, 1, 1, 0: three right.
    // At threshold 0.5 (probabilities) they are 0, 0, 1, 0: one right. So the threshold used shows in the result.
    private static readonly Tensor BinaryTargets = new(new float[] { 1, 1, 0, 0 }, 4, 1);
    private static readonly Tensor BinaryOutputs = new(new float[] { 0.3f, 0.3f, 0.7f, -1 }, 4, 1);

    // Two classes; labels 0, 1, 1; the largest logits are at 0, 1, 0: two of three right.
    private static readonly ClassLabels Labels = new([0, 1, 1]);
    private static readonly Tensor Logits = new(new float[] { 2, 1, 0, 3, 5, 4 }, 3, 2);

    private static double Measure(Loss? loss, Tensor targets, Tensor predictions)
    {
        var accuracy = new Accuracy();
        if (loss != null) SequentialEvaluation.Resolve([accuracy], loss);
        accuracy.Update(targets, predictions);
        return accuracy.Result;
    }

    [Test]
    public void WithSparseCategoricalCrossEntropy_CountsRowsWhoseLargestLogitIsTheLabel()
    {
        Assert.That(Measure(new SparseCategoricalCrossEntropy(), Labels, Logits), Is.EqualTo(2.0 / 3).Within(1e-15));
    }

    [Test]
    public void WithBinaryCrossEntropyFromLogits_ThresholdsAtZero()
    {
        Assert.That(Measure(new BinaryCrossEntropy(fromLogits: true), BinaryTargets, BinaryOutputs), Is.EqualTo(0.75));
    }

    [Test]
    public void WithBinaryCrossEntropyOnProbabilities_ThresholdsAtOneHalf()
    {
        Assert.That(Measure(new BinaryCrossEntropy(), BinaryTargets, BinaryOutputs), Is.EqualTo(0.25));
    }

    [Test]
    public void WithoutALoss_OneOutput_IsBinaryOnProbabilities()
    {
        Assert.That(Measure(null, BinaryTargets, BinaryOutputs), Is.EqualTo(0.25));
    }

    [Test]
    public void WithoutALoss_SeveralOutputs_IsSparseCategorical()
    {
        Assert.That(Measure(null, Labels, Logits), Is.EqualTo(2.0 / 3).Within(1e-15));
    }

    [Test]
    public void WithMeanSquaredError_ThrowsSayingToUseARegressionMetric()
    {
        Assert.That(() => SequentialEvaluation.Resolve([new Accuracy()], new MeanSquaredError()),
            Throws.ArgumentException.With.Message.Contains("not mean_squared_error").And.Message.Contains("use mae, mse or rmse"));
    }

    // A loss the framework does not know, naming its own accuracy: binary, thresholded at 0.2.
    private sealed class LossWithItsOwnAccuracy : Loss
    {
        public override string Name => "own_loss";
        public override IReadOnlyList<Metric> DefaultMetrics => [AccuracyMetric("accuracy"), new MeanAbsoluteErrorMetric("mae")];
        public override Metric AccuracyMetric(string name) => new BinaryAccuracy(0.2, name);
        public override Tensor Call(Tensor labels, Tensor predictions) => (predictions - labels).Square().Mean();
    }

    [Test]
    public void WithANewLoss_CountsAsTheAccuracyThatLossNames()
    {
        // At threshold 0.2 the predictions are 1, 1, 1, 0: three of four right (0.25 at the standalone 0.5).
        Assert.That(Measure(new LossWithItsOwnAccuracy(), BinaryTargets, BinaryOutputs), Is.EqualTo(0.75));
    }

    [Test]
    public void WithANewLoss_ItsDefaultMetricsAreTheOnesItNames()
    {
        var metrics = SequentialEvaluation.Resolve(null, new LossWithItsOwnAccuracy());

        Assert.That(metrics.Select(metric => metric.Name), Is.EqualTo(new[] { "accuracy", "mae" }));
        Assert.That(metrics[0], Is.TypeOf<BinaryAccuracy>().With.Property(nameof(BinaryAccuracy.Threshold)).EqualTo(0.2));
    }
}
