using MiniNet.Autodiff;
using MiniNet.Losses;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Losses;

/// <summary>Sparse cross-entropy over a sequence model's (batch, time, vocabulary) logits and (batch, time) targets, with
/// PyTorch's ignore index for padding.</summary>
public class SequenceCrossEntropyTests
{
    private static double RowLoss(double[] logits, int row, int classes, int label)
    {
        var values = logits.Skip(row * classes).Take(classes).ToArray();
        return Math.Log(values.Sum(Math.Exp)) - values[label];
    }

    [Test]
    public void Call_BatchTimeLogits_AveragesOverEveryPosition()
    {
        var logits = Uniform(1, -2, 2, 2, 3, 4);
        var labels = new ClassLabels([0, 3, 1, 2, 2, 0], [2, 3], classCount: 4);

        double loss = new SparseCategoricalCrossEntropy().Call(labels, logits).Item();

        var values = logits.ToArray<double>();
        double expected = new[] { 0, 3, 1, 2, 2, 0 }.Select((label, row) => RowLoss(values, row, 4, label)).Average();
        Assert.That(loss, Is.EqualTo(expected).Within(1e-12));
    }

    /// <summary>Flat targets, one per row of logits in order (nanoGPT's <c>targets.view(-1)</c>), give the same loss.</summary>
    [Test]
    public void Call_FlatLabels_GiveTheLossOfBatchTimeLabels()
    {
        var logits = Uniform(7, -2, 2, 2, 3, 4);
        int[] targets = [0, 3, 1, 2, 2, 0];

        double flat = new SparseCategoricalCrossEntropy().Call(new ClassLabels(targets, classCount: 4), logits).Item();
        double shaped = new SparseCategoricalCrossEntropy().Call(new ClassLabels(targets, [2, 3], classCount: 4), logits).Item();

        Assert.That(flat, Is.EqualTo(shaped));
    }

    /// <summary>PyTorch's <c>cross_entropy(logits.view(-1, V), targets.view(-1), ignore_index=-100)</c>: the mean over the
    /// positions whose target is not -100 (here 4 of 6).</summary>
    [Test]
    public void Call_IgnoreIndex_AveragesOverTheOtherPositionsOnly()
    {
        var logits = Uniform(2, -2, 2, 2, 3, 4);
        int[] targets = [1, -100, 3, 0, 2, -100];
        var labels = new ClassLabels(targets, [2, 3], classCount: 4, ignoreIndex: -100);

        double loss = new SparseCategoricalCrossEntropy(ignoreIndex: -100).Call(labels, logits).Item();

        var values = logits.ToArray<double>();
        double expected = (RowLoss(values, 0, 4, 1) + RowLoss(values, 2, 4, 3) + RowLoss(values, 3, 4, 0) + RowLoss(values, 4, 4, 2)) / 4;
        Assert.That(loss, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Call_IgnoreIndex_GradientMatchesFiniteDifferencesAndIgnoredRowsGetNone()
    {
        var labels = new ClassLabels([1, -100, 3, 0, 2, -100], [2, 3], classCount: 4, ignoreIndex: -100);
        var loss = new SparseCategoricalCrossEntropy(ignoreIndex: -100);
        var logits = Uniform(3, -2, 2, 2, 3, 4);

        GradientChecking.AssertMatchesFiniteDifferences(x => loss.Call(labels, x), logits);
        using var tape = new GradientTape();
        tape.Watch(logits);
        var gradient = tape.Gradient(loss.Call(labels, logits), [logits])[0]!.ToArray<double>();
        Assert.That(gradient.Skip(4).Take(4), Is.All.EqualTo(0));
        Assert.That(gradient.Skip(20).Take(4), Is.All.EqualTo(0));
    }

    /// <summary>A padding token that is a class of its own (index 0) can be the ignore index too, as in PyTorch.</summary>
    [Test]
    public void Call_IgnoreIndexThatIsAClass_SkipsThatClassesPositions()
    {
        var logits = Uniform(4, -2, 2, 1, 3, 4);
        var labels = new ClassLabels([2, 0, 0], [1, 3], classCount: 4);

        double loss = new SparseCategoricalCrossEntropy(ignoreIndex: 0).Call(labels, logits).Item();

        Assert.That(loss, Is.EqualTo(RowLoss(logits.ToArray<double>(), 0, 4, 2)).Within(1e-12));
    }

    [Test]
    public void Call_LabelsMarkPaddingTheLossDoesNotIgnore_SaysWhatToGive()
    {
        var labels = new ClassLabels([1, -1], [1, 2], classCount: 4, ignoreIndex: -1);

        Assert.That(() => new SparseCategoricalCrossEntropy().Call(labels, Uniform(5, -1, 1, 1, 2, 4)), Throws.ArgumentException.With.Message.EqualTo(
            "sparse_categorical_crossentropy: the labels mark padding with -1 but the loss ignores no index; give the loss ignoreIndex: -1"));
    }

    [Test]
    public void Call_LabelsOfAnotherShape_NameBothShapes() =>
        Assert.That(() => SoftmaxCrossEntropyOp.Apply(Uniform(6, -1, 1, 2, 3, 4), new ClassLabels([0, 1, 2, 3, 0, 1], [3, 2], classCount: 4)),
            Throws.ArgumentException.With.Message.EqualTo("softmax_cross_entropy: labels (3,2) do not fit logits (2,3,4); expected (2,3) class indices"));

    [Test]
    public void ClassLabels_ValueThatIsNeitherClassNorIgnoreIndex_Throws() =>
        Assert.That(() => new ClassLabels([1, -5], [1, 2], classCount: 4, ignoreIndex: -100), Throws.ArgumentException.With.Message.StartsWith(
            "class labels: label -5 at index 1 is not a class index in [0, 4) nor the ignore index -100"));
}
