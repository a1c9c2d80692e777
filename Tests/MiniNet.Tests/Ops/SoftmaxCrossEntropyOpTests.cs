using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SoftmaxCrossEntropyOpTests
{
    [Test]
    public void Apply_TwoRows_GivesLogSumExpMinusTheLabelsLogit()
    {
        var logits = new Tensor([1.0, 2, 3, 0, 0, 0], 2, 3);
        var labels = new Tensor([2.0, 0], 2);

        var loss = SoftmaxCrossEntropyOp.Apply(logits, labels);

        double first = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 3;
        Assert.That(loss.Shape, Is.EqualTo(new[] { 2 }));
        Assert.That(loss.ToArray<double>(), Is.EqualTo(new[] { first, Math.Log(3) }).Within(1e-12));
    }

    [Test]
    public void Apply_Gradient_MatchesFiniteDifferences()
    {
        var labels = new Tensor([3.0, 0, 4, 1, 1], 5, 1);

        GradientChecking.AssertMatchesFiniteDifferences(logits => SoftmaxCrossEntropyOp.Apply(logits, labels), Uniform(7, -3, 3, 5, 6));
    }

    /// <summary>The composed form -Σ log_softmax(z) ⊙ onehot, which the fused op replaced inside the sparse categorical loss.</summary>
    [Test]
    public void Apply_MatchesLogSoftmaxOfTheLabelsClass()
    {
        var logits = Uniform(8, -5, 5, 4, 10);
        var labels = new Tensor([9.0, 0, 3, 3], 4);
        var logSoftmax = logits.LogSoftmax().ToArray<double>();

        var loss = SoftmaxCrossEntropyOp.Apply(logits, labels).ToArray<double>();

        for (int row = 0; row < 4; row++)
            Assert.That(loss[row], Is.EqualTo(-logSoftmax[row * 10 + (int)labels.GetFlat(row)]).Within(1e-12), $"row {row}");
    }

    /// <summary>Logits near 1000: no overflow, and no float32 cancellation (ulp(1000) is 6e-5).</summary>
    [Test]
    public void Apply_HugeLogits_StayFiniteAndAccurate()
    {
        var logits = new Tensor([1000f, -1000f, 999f], 1, 3);

        var loss = SoftmaxCrossEntropyOp.Apply(logits, new Tensor([2f], 1));

        Assert.That(loss.GetFlat(0), Is.EqualTo(Math.Log(1 + Math.Exp(-1)) + 1).Within(1e-6));
    }

    [Test]
    public void Apply_Float32LabelsForFloat64Logits_ReadsTheSameClasses()
    {
        var logits = new Tensor([1.0, 2, 3], 1, 3);

        var loss = SoftmaxCrossEntropyOp.Apply(logits, new Tensor([0f], 1));

        Assert.That(loss.GetFlat(0), Is.EqualTo(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 1).Within(1e-12));
    }

    [Test]
    public void Apply_WatchedLabels_GetNoGradient()
    {
        var logits = new Tensor([1.0, 2], 1, 2);
        var labels = new Tensor([1.0], 1);
        using var tape = new GradientTape();
        tape.Watch(logits);
        tape.Watch(labels);

        var gradients = tape.Gradient(SoftmaxCrossEntropyOp.Apply(logits, labels), [logits, labels]);

        Assert.That(gradients[0], Is.Not.Null);
        Assert.That(gradients[1], Is.Null);
    }

    /// <summary>Labels are checked as given, before they are read in the logits' type: 1 + 1e-9 rounds to 1 in float32.</summary>
    [Test]
    public void Apply_Float64LabelThatRoundsToAClassInFloat32_Throws()
    {
        Assert.That(() => SoftmaxCrossEntropyOp.Apply(Tensor.Zeros([1, 3]), new Tensor([1.000000001], 1)),
            Throws.ArgumentException.With.Message.Contains("label 1.000000001 at row 0 is not a class index"));
    }

    [Test]
    public void Apply_LabelOutsideTheClasses_ThrowsNamingRowAndValue()
    {
        Assert.That(() => SoftmaxCrossEntropyOp.Apply(Tensor.Zeros([2, 3]), new Tensor([0.0, 3], 2)),
            Throws.ArgumentException.With.Message.EqualTo("softmax_cross_entropy: label 3 at row 1 is not a class index in [0, 3)"));
    }
}
