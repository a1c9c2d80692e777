using MiniNet.Losses;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Losses;

public class BinaryCrossEntropyTests
{
    [Test]
    public void Call_FromProbabilities_AveragesMinusLogOfTheProbabilityGivenToEachLabel()
    {
        // Label 1 with p = 0.8 costs -ln 0.8; label 0 with p = 0.4 costs -ln 0.6.
        var labels = new Tensor([1.0, 0], 2, 1);
        var probabilities = new Tensor([0.8, 0.4], 2, 1);

        var loss = new BinaryCrossEntropy().Call(labels, probabilities);

        Assert.That(loss.Item(), Is.EqualTo(-(Math.Log(0.8) + Math.Log(0.6)) / 2).Within(1e-15));
    }

    [Test]
    public void Call_FromCertainWrongProbabilities_IsClippedToAFiniteLoss()
    {
        // p is clipped to [1e-7, 1 - 1e-7], so each certain mistake costs -ln(1e-7) ≈ 16.118 instead of infinity.
        var labels = new Tensor([1.0, 0], 2);
        var probabilities = new Tensor([0.0, 1], 2);

        var loss = new BinaryCrossEntropy().Call(labels, probabilities);

        Assert.That(loss.Item(), Is.EqualTo(-Math.Log(1e-7)).Within(1e-6));
    }

    [Test]
    public void Call_FromLogits_AveragesMinusLogOfTheSigmoidProbability()
    {
        // Logit 0 is p = 1/2 (label 1 costs ln 2); logit ln 3 is p = 3/4 (label 0 costs -ln(1/4) = ln 4). Mean: 1.5·ln 2.
        var labels = new Tensor([1.0, 0], 2, 1);
        var logits = new Tensor([0.0, Math.Log(3)], 2, 1);

        var loss = new BinaryCrossEntropy(fromLogits: true).Call(labels, logits);

        Assert.That(loss.Item(), Is.EqualTo(1.5 * Math.Log(2)).Within(1e-15));
    }

    [Test]
    public void Call_FromLogits_StaysFiniteForHugeLogits()
    {
        // A confident mistake at logit -1000 costs 1000; a confident hit at +1000 costs 0. Mean: 500.
        var labels = new Tensor([1.0, 1], 2);
        var logits = new Tensor([-1000.0, 1000], 2);

        Assert.That(new BinaryCrossEntropy(fromLogits: true).Call(labels, logits).Item(), Is.EqualTo(500));
    }

    [Test]
    public void Call_FromProbabilities_GradientMatchesFiniteDifferences()
    {
        var labels = Uniform(121, 0, 1, 4, 3);

        GradientChecking.AssertMatchesFiniteDifferences(p => new BinaryCrossEntropy().Call(labels, p), Uniform(122, 0.05, 0.95, 4, 3));
    }

    [Test]
    public void Call_FromLogits_GradientMatchesFiniteDifferences()
    {
        var labels = Uniform(123, 0, 1, 4, 3);

        GradientChecking.AssertMatchesFiniteDifferences(logits => new BinaryCrossEntropy(fromLogits: true).Call(labels, logits),
            Uniform(124, -3, 3, 4, 3));
    }

    [Test]
    public void Call_ShapesDiffer_ThrowsNamingTheLossAndBothShapes()
    {
        Assert.That(() => new BinaryCrossEntropy().Call(Tensor.Zeros([4]), Tensor.Zeros([4, 1])),
            Throws.ArgumentException.With.Message.EqualTo("binary_crossentropy: labels (4) and predictions (4,1) differ in shape"));
    }
}
