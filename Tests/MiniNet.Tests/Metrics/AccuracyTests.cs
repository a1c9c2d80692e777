using MiniNet.Losses;
using MiniNet.Metrics;
using MiniNet.Tensors;

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
        if (loss != null) accuracy.UseLoss(loss);
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
    public void UseLoss_MeanSquaredError_ThrowsSayingToUseARegressionMetric()
    {
        Assert.That(() => new Accuracy().UseLoss(new MeanSquaredError()),
            Throws.ArgumentException.With.Message.Contains("not mean_squared_error").And.Message.Contains("use mae, mse or rmse"));
    }
}
