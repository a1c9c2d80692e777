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
        var labels = new ClassLabels([2, 0]);

        var loss = SoftmaxCrossEntropyOp.Apply(logits, labels);

        double first = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 3;
        Assert.That(loss.Shape, Is.EqualTo(new[] { 2 }));
        Assert.That(loss.ToArray<double>(), Is.EqualTo(new[] { first, Math.Log(3) }).Within(1e-12));
    }

    [Test]
    public void Apply_Gradient_MatchesFiniteDifferences()
    {
        var labels = new ClassLabels([3, 0, 4, 1, 1], asColumn: true);

        GradientChecking.AssertMatchesFiniteDifferences(logits => SoftmaxCrossEntropyOp.Apply(logits, labels), Uniform(7, -3, 3, 5, 6));
    }

    /// <summary>The composed form -Σ log_softmax(z) ⊙ onehot, which the fused op replaced inside the sparse categorical loss.</summary>
    [Test]
    public void Apply_MatchesLogSoftmaxOfTheLabelsClass()
    {
        var logits = Uniform(8, -5, 5, 4, 10);
        var labels = new ClassLabels([9, 0, 3, 3]);
        var logSoftmax = logits.LogSoftmax().ToArray<double>();

        var loss = SoftmaxCrossEntropyOp.Apply(logits, labels).ToArray<double>();

        for (int row = 0; row < 4; row++)
            Assert.That(loss[row], Is.EqualTo(-logSoftmax[row * 10 + labels.Indices[row]]).Within(1e-12), $"row {row}");
    }

    /// <summary>Logits near 1000: no overflow, and no float32 cancellation (ulp(1000) is 6e-5).</summary>
    [Test]
    public void Apply_HugeLogits_StayFiniteAndAccurate()
    {
        var logits = new Tensor([1000f, -1000f, 999f], 1, 3);

        var loss = SoftmaxCrossEntropyOp.Apply(logits, new ClassLabels([2]));

        Assert.That(loss.GetFlat(0), Is.EqualTo(Math.Log(1 + Math.Exp(-1)) + 1).Within(1e-6));
    }

    [Test]
    public void Apply_IntLabelsForFloat64Logits_ReadsTheSameClasses()
    {
        var logits = new Tensor([1.0, 2, 3], 1, 3);

        var loss = SoftmaxCrossEntropyOp.Apply(logits, new ClassLabels([0]));

        Assert.That(loss.GetFlat(0), Is.EqualTo(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 1).Within(1e-12));
    }

    [Test]
    public void Apply_WatchedLabels_GetNoGradient()
    {
        var logits = new Tensor([1.0, 2], 1, 2);
        var labels = new ClassLabels([1]);
        using var tape = new GradientTape();
        tape.Watch(logits);
        tape.Watch(labels);

        var gradients = tape.Gradient(SoftmaxCrossEntropyOp.Apply(logits, labels), [logits, labels]);

        Assert.That(gradients[0], Is.Not.Null);
        Assert.That(gradients[1], Is.Null);
    }

    /// <summary>Class indices are integers: float labels, even whole ones, are refused with the dtype they have.</summary>
    [Test]
    public void Apply_FloatLabels_ThrowNamingTheirDType()
    {
        Assert.That(() => SoftmaxCrossEntropyOp.Apply(Tensor.Zeros([1, 3]), new Tensor([1.0], 1)),
            Throws.ArgumentException.With.Message.EqualTo("softmax_cross_entropy: labels must be class indices (ClassLabels, int32), got a float64 tensor (1)"));
    }

    /// <summary>A label outside the classes is refused where the labels are made, naming its index and value.</summary>
    [Test]
    public void ClassLabels_LabelOutsideTheClasses_ThrowsNamingIndexAndValue()
    {
        Assert.That(() => new ClassLabels([0, 3], classCount: 3),
            Throws.ArgumentException.With.Message.StartsWith("class labels: label 3 at index 1 is not a class index in [0, 3)"));
    }

    /// <summary>Labels that range over more classes than the logits have are refused by the op, naming both.</summary>
    [Test]
    public void Apply_LabelsOfMoreClassesThanTheLogits_ThrowsNamingBoth()
    {
        Assert.That(() => SoftmaxCrossEntropyOp.Apply(Tensor.Zeros([2, 3]), new ClassLabels([0, 3])),
            Throws.ArgumentException.With.Message.EqualTo("softmax_cross_entropy: labels range over 4 classes (indices up to 3) but logits (2,3) have 3"));
    }
}
