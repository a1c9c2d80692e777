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
        var labels = new ClassLabels([2, 0]);

        var loss = new SparseCategoricalCrossEntropy().Call(labels, Logits());

        Assert.That(loss.Item(), Is.EqualTo((Math.Log(2) + Math.Log(6)) / 2).Within(1e-15));
    }

    [Test]
    public void Call_LabelsShapedAsAColumn_GiveTheSameLoss()
    {
        var labels = new ClassLabels([2, 0], asColumn: true);

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

        var loss = new SparseCategoricalCrossEntropy().Call(new ClassLabels([2, 0]), logits);
        var gradient = tape.Gradient(loss, [logits])[0]!;

        Assert.That(gradient.ToArray<double>(), Is.EqualTo(new[] { 1 / 12.0, 1 / 6.0, -1 / 4.0, -5 / 12.0, 1 / 6.0, 1 / 4.0 }).Within(1e-15));
    }

    [Test]
    public void Call_Gradient_MatchesFiniteDifferences()
    {
        var labels = new ClassLabels([0, 4, 2, 1]);

        GradientChecking.AssertMatchesFiniteDifferences(logits => new SparseCategoricalCrossEntropy().Call(labels, logits),
            Uniform(131, -2, 2, 4, 5));
    }

    [Test]
    public void Call_LabelsOfMoreClassesThanTheLogits_ThrowsNamingBoth()
    {
        var labels = new ClassLabels([0, 3]);

        Assert.That(() => new SparseCategoricalCrossEntropy().Call(labels, Logits()),
            Throws.ArgumentException.With.Message.EqualTo("sparse_categorical_crossentropy: labels range over 4 classes (indices up to 3) but logits (2,3) have 3"));
    }

    [TestCase(-1)]
    [TestCase(3)]
    public void ClassLabels_IndexThatIsNotAClassIndex_Throws(int label)
    {
        Assert.That(() => new ClassLabels([label, 0], classCount: 3),
            Throws.ArgumentException.With.Message.StartsWith($"class labels: label {label} at index 0 is not a class index in [0, 3)"));
    }

    [Test]
    public void Call_FloatLabels_ThrowNamingTheirDType()
    {
        Assert.That(() => new SparseCategoricalCrossEntropy().Call(new Tensor([2.0, 0], 2), Logits()),
            Throws.ArgumentException.With.Message.EqualTo("sparse_categorical_crossentropy: labels must be class indices (ClassLabels, int32), got a float64 tensor (2)"));
    }

    [Test]
    public void Call_LabelsThatDoNotFitTheBatch_ThrowNamingBothShapes()
    {
        Assert.That(() => new SparseCategoricalCrossEntropy().Call(new ClassLabels([0, 1, 2]), Logits()),
            Throws.ArgumentException.With.Message.EqualTo("sparse_categorical_crossentropy: labels (3) do not fit logits (2,3); expected (2) or (2,1) class indices"));
    }

    [Test]
    public void Call_LogitsNotRank2_ThrowsNamingTheirShape()
    {
        Assert.That(() => new SparseCategoricalCrossEntropy().Call(new ClassLabels([0, 1, 2]), Tensor.Zeros([3], DType.Float64)),
            Throws.ArgumentException.With.Message.EqualTo("sparse_categorical_crossentropy: logits must be (batch, classes), got (3)"));
    }
}
