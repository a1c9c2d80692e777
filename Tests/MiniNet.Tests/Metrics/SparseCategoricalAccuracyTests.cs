using MiniNet.Metrics;
using MiniNet.Tensors;

namespace MiniNet.Tests.Metrics;

public class SparseCategoricalAccuracyTests
{
    // Rows predict classes 1, 0, 2 and 1.
    private static readonly Tensor Logits = new(new float[] { 0.1f, 0.9f, 0f, 2f, -1f, 0f, -3f, -2f, -1f, 0f, 5f, 4f }, 4, 3);

    [Test]
    public void Update_OneBatch_CountsRowsWhoseLargestLogitIsTheLabel()
    {
        var accuracy = new SparseCategoricalAccuracy();

        accuracy.Update(new ClassLabels([1, 0, 1, 1]), Logits);

        Assert.That(accuracy.Correct, Is.EqualTo(3));
        Assert.That(accuracy.Count, Is.EqualTo(4));
        Assert.That(accuracy.Result, Is.EqualTo(0.75));
    }

    [Test]
    public void Update_Float64Logits_CountsLikeFloat32()
    {
        var accuracy = new SparseCategoricalAccuracy();

        accuracy.Update(new ClassLabels([1, 0, 1, 1]), Logits.To(DType.Float64));

        Assert.That(accuracy.Correct, Is.EqualTo(3));
    }

    /// <summary>A training loop updates the metric every batch; it reads into stack buffers, not new arrays.</summary>
    [Test]
    public void Update_SteadyState_AllocatesNothing()
    {
        var accuracy = new SparseCategoricalAccuracy();
        var labels = new ClassLabels([1, 0, 1, 1]);
        accuracy.Update(labels, Logits);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) accuracy.Update(labels, Logits);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(accuracy.Correct, Is.EqualTo(303));
    }

    [Test]
    public void Update_TwoBatches_AccumulatesOverSamples()
    {
        var accuracy = new SparseCategoricalAccuracy();

        accuracy.Update(new ClassLabels([1, 0, 1, 1]), Logits);
        accuracy.Update(new ClassLabels([0, 0], asColumn: true), new Tensor(new float[] { 1, 0, 0, 1 }, 2, 2));

        Assert.That(accuracy.Result, Is.EqualTo(4.0 / 6));
    }

    [Test]
    public void Update_TiedLogits_PredictTheLowestClass()
    {
        var accuracy = new SparseCategoricalAccuracy();

        accuracy.Update(new ClassLabels([0, 1]), new Tensor(new float[] { 3, 3, 3, 3 }, 2, 2));

        Assert.That(accuracy.Correct, Is.EqualTo(1));
    }

    [Test]
    public void Reset_ForgetsEverything()
    {
        var accuracy = new SparseCategoricalAccuracy();
        accuracy.Update(new ClassLabels([1, 0, 1, 1]), Logits);

        accuracy.Reset();

        Assert.That(accuracy.Count, Is.Zero);
        Assert.Throws<InvalidOperationException>(() => _ = accuracy.Result);
    }

    [Test]
    public void Update_LabelsOfMoreClassesThanTheLogits_NamesBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new SparseCategoricalAccuracy().Update(new ClassLabels([1, 0, 3, 1]), Logits))!;

        Assert.That(error.Message, Does.StartWith("sparse_categorical_accuracy: labels range over 4 classes (indices up to 3) but logits (4,3) have 3"));
    }

    [Test]
    public void Update_LabelsOfAnotherBatchSize_NameBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new SparseCategoricalAccuracy().Update(new ClassLabels([1, 0]), Logits))!;

        Assert.That(error.Message, Does.StartWith("sparse_categorical_accuracy: labels (2) do not fit 4 predictions"));
    }
}
