using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class SigmoidCrossEntropyOpTests
{
    [Test]
    public void Apply_MatchesMinusLogOfTheProbabilityGivenToTheLabel()
    {
        // Logit 0 is p = 1/2, so -log p = ln 2 for either label; logit ln 3 is p = 3/4, label 0 gives -log(1/4) = ln 4.
        var logits = new Tensor([0.0, 0, Math.Log(3)], 3);
        var labels = new Tensor([1.0, 0, 0], 3);

        var loss = SigmoidCrossEntropyOp.Apply(logits, labels);

        Assert.That(loss.ToArray<double>(), Is.EqualTo(new[] { Math.Log(2), Math.Log(2), Math.Log(4) }).Within(1e-15));
    }

    [Test]
    public void Apply_HugeLogits_DoesNotOverflow()
    {
        // Logit +1000 with label 1 costs about e^-1000 = 0; logit -1000 with label 1 costs -log σ(-1000) ≈ 1000.
        var logits = new Tensor([1000.0, -1000], 2);
        var labels = new Tensor([1.0, 1], 2);

        Assert.That(SigmoidCrossEntropyOp.Apply(logits, labels).ToArray<double>(), Is.EqualTo(new[] { 0.0, 1000 }));
    }

    [Test]
    public void Apply_GradientWithRespectToLogitsAndLabels_MatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(x => SigmoidCrossEntropyOp.Apply(x[0], x[1]),
            AwayFromZero(91, 0.1, 3, 3, 4), Uniform(92, 0, 1, 3, 4));

    [Test]
    public void Apply_ShapesDiffer_ThrowsNamingBothShapes()
    {
        Assert.That(() => SigmoidCrossEntropyOp.Apply(Tensor.Zeros([2, 1]), Tensor.Zeros([2])),
            Throws.ArgumentException.With.Message.EqualTo("sigmoid_cross_entropy: logits (2,1) and labels (2) differ"));
    }
}
