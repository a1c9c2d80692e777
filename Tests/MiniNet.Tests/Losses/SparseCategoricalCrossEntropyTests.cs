using MiniNet.Autodiff;
using MiniNet.Losses;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Losses;

public class SparseCategoricalCrossEntropyTests
{
    // Each row's softmax is [1/6, 2/6, 3/6].
    private static Tensor Logits() => new([0.0, Math.Log(2), Math.Log(3), 0, Math.Log(2), Math.Log(3)], 2, 3);

    [Test]
    public void Call_AveragesMinusLogOfTheSoftmaxProbabilityOfEachLabel()
    {
        // Row 0, label 2: -ln(1/2); row 1, label 0: -ln(1/6).
        var labels = new Tensor([2.0, 0], 2);

        var loss = new SparseCategoricalCrossEntropy().Call(labels, Logits());

        Assert.That(loss.Item(), Is.EqualTo((Math.Log(2) + Math.Log(6)) / 2).Within(1e-15));
    }

    [Test]
    public void Call_LabelsShapedAsAColumn_GiveTheSameLoss()
    {
        var labels = new Tensor([2f, 0f], 2, 1);

        var loss = new SparseCategoricalCrossEntropy().Call(labels, Logits());

        Assert.That(loss.Item(), Is.EqualTo((Math.Log(2) + Math.Log(6)) / 2).Within(1e-15));
    }

    [Test]
    public void Call_Gradient_IsSoftmaxMinusOneHotOverBatch()
    {
        // d/dlogits of the mean is (softmax - onehot) / 2: row 0 [1/6, 2/6, 3/6 - 1] / 2, row 1 [1/6 - 1, 2/6, 3/6] / 2.
        var logits = Logits();
        using var tape = new GradientTape();
        tape.Watch(logits);

        var loss = new SparseCategoricalCrossEntropy().Call(new Tensor([2.0, 0], 2), logits);
        var gradient = tape.Gradient(loss, [logits])[0]!;

        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 1 / 12.0, 1 / 6.0, -1 / 4.0, -5 / 12.0, 1 / 6.0, 1 / 4.0 }).Within(1e-15));
    }

    [Test]
    public void Call_Gradient_MatchesFiniteDifferences()
    {
        var labels = new Tensor([0.0, 4, 2, 1], 4);

        GradientChecking.AssertMatchesFiniteDifferences(logits => new SparseCategoricalCrossEntropy().Call(labels, logits),
            Uniform(131, -2, 2, 4, 5));
    }

    [Test]
    public void Call_LabelOutOfRange_ThrowsNamingTheLabelRowAndClassCount()
    {
        var labels = new Tensor([0.0, 3], 2);

        Assert.That(() => new SparseCategoricalCrossEntropy().Call(labels, Logits()),
            Throws.ArgumentException.With.Message.EqualTo("sparse_categorical_crossentropy: label 3 at row 1 is not a class index in [0, 3)"));
    }

    [TestCase(-1.0)]
    [TestCase(1.5)]
    public void Call_LabelThatIsNotAClassIndex_Throws(double label)
    {
        var labels = new Tensor([label, 0], 2);

        Assert.That(() => new SparseCategoricalCrossEntropy().Call(labels, Logits()),
            Throws.ArgumentException.With.Message.EqualTo($"sparse_categorical_crossentropy: label {label} at row 0 is not a class index in [0, 3)"));
    }

    [Test]
    public void Call_LabelsThatDoNotFitTheBatch_ThrowNamingBothShapes()
    {
        Assert.That(() => new SparseCategoricalCrossEntropy().Call(Tensor.Zeros([3], DType.Float64), Logits()),
            Throws.ArgumentException.With.Message.EqualTo("sparse_categorical_crossentropy: labels (3) do not fit logits (2,3); expected (2) or (2,1) class indices"));
    }

    [Test]
    public void Call_LogitsNotRank2_ThrowsNamingTheirShape()
    {
        Assert.That(() => new SparseCategoricalCrossEntropy().Call(Tensor.Zeros([3], DType.Float64), Tensor.Zeros([3], DType.Float64)),
            Throws.ArgumentException.With.Message.EqualTo("sparse_categorical_crossentropy: logits must be (batch, classes), got (3)"));
    }
}
