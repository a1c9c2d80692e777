using MiniNet.Data;
using MiniNet.Tensors;
using MiniNet.Training;
using static MiniNet.Tests.Data.NumberedDataset;

namespace MiniNet.Tests.Data;

public class BatchedDatasetTests
{
    [Test]
    public void Batch_InOrder_CutsRowsIntoShapedTensors()
    {
        var batches = Numbered(5).Batch(2).ToList();

        Assert.That(batches.Select(b => b.Features.Shape.ToArray()), Is.EqualTo(new[] { new[] { 2, 2 }, new[] { 2, 2 }, new[] { 1, 2 } }));
        Assert.That(batches.Select(b => b.Targets.Shape.ToArray()), Is.EqualTo(new[] { new[] { 2 }, new[] { 2 }, new[] { 1 } }));
        Assert.That(batches[1].Features.ToArray<float>(), Is.EqualTo(new[] { 2f, -2f, 3f, -3f }));
        Assert.That(batches[1].Targets.ToArray<int>(), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(batches[0].Features.DType, Is.EqualTo(DType.Float32));
    }

    [Test]
    public void Batch_Unshuffled_KeepsTheStoredOrderEveryEpoch()
    {
        var batches = Numbered(7).Batch(3);

        Assert.That(Epoch(batches), Is.EqualTo(Enumerable.Range(0, 7)));
        Assert.That(Epoch(batches), Is.EqualTo(Enumerable.Range(0, 7)));
    }

    [Test]
    public void Batch_LastPartialBatch_IsKeptByDefault()
    {
        var batches = Numbered(10).Batch(4);

        Assert.That(batches.Count, Is.EqualTo(3));
        Assert.That(batches.Select(b => b.Targets.Length), Is.EqualTo(new[] { 4, 4, 2 }));
    }

    [Test]
    public void Batch_DropRemainder_LeavesOutTheLastPartialBatch()
    {
        var batches = Numbered(10).Shuffle(seed: 1).Batch(4, dropRemainder: true);

        Assert.That(batches.Count, Is.EqualTo(2));
        Assert.That(batches.Select(b => b.Targets.Length), Is.EqualTo(new[] { 4, 4 }));
    }

    [Test]
    public void Batch_ExactMultiple_HasNoPartialBatchEitherWay()
    {
        Assert.That(Numbered(8).Batch(4).Count(), Is.EqualTo(2));
        Assert.That(Numbered(8).Batch(4, dropRemainder: true).Count(), Is.EqualTo(2));
    }

    [Test]
    public void Batch_LabelsStayWithTheirFeatures_WhenShuffled()
    {
        foreach (var (x, y) in Numbered(23).Shuffle(seed: 5).Batch(4))
            for (int row = 0; row < y.Length; row++)
                Assert.That(y[row], Is.EqualTo(x[row, 0] % 10));
    }

    [Test]
    public void NextEpoch_SetOnAFreshPipeline_ResumesTheSameOrders()
    {
        var uninterrupted = Numbered(60).Shuffle(seed: 11).Batch(16);
        var orders = Enumerable.Range(0, 4).Select(_ => Epoch(uninterrupted)).ToList();

        var resumed = Numbered(60).Shuffle(seed: 11).Batch(16);
        resumed.NextEpoch = 2;

        Assert.That(Epoch(resumed), Is.EqualTo(orders[2]));
        Assert.That(Epoch(resumed), Is.EqualTo(orders[3]));
    }

    [Test]
    public void NextEpoch_AdvancesWhenEnumerationStarts()
    {
        var batches = Numbered(10).Shuffle(seed: 1).Batch(4);

        using var enumerator = batches.GetEnumerator();

        Assert.That(batches.NextEpoch, Is.EqualTo(1));
    }

    [Test]
    public void NextEpoch_Negative_NamesTheValue()
    {
        var batches = Numbered(10).Batch(4);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => batches.NextEpoch = -1)!;

        Assert.That(error.ActualValue, Is.EqualTo(-1));
    }

    [Test]
    public void Batch_SizeZero_NamesTheParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(10).Shuffle(seed: 1).Batch(0))!;

        Assert.That(error.ParamName, Is.EqualTo("size"));
        Assert.That(error.ActualValue, Is.EqualTo(0));
    }

    [Test]
    public void Position_AfterWholeEpochs_CountsThemWithSeedAndBatchSize()
    {
        var batches = Dataset.FromValues(new float[10], [1], new float[10], [1]).Shuffle(7).Batch(4);
        for (int epoch = 0; epoch < 2; epoch++)
            foreach (var _ in batches) { }

        Assert.That(TrainingPosition.Of(batches), Is.EqualTo(new TrainingPosition(2, 0, 7, 4)));
    }

    [Test]
    public void Position_InsideAnUnfinishedEpoch_Throws()
    {
        var batches = Dataset.FromValues(new float[10], [1], new float[10], [1]).Batch(4);
        using var epoch = batches.GetEnumerator();
        epoch.MoveNext();

        Assert.That(() => TrainingPosition.Of(batches), Throws.InvalidOperationException.With.Message.Contains("not enumerated to its end"));
    }

    [Test]
    public void Batch_FloatTargets_CarryBatchByTargetWidth()
    {
        // Example i has features (i) and targets (10 i, 10 i + 1).
        var data = Dataset.FromValues([0, 1, 2, 3, 4], [1], [0, 1, 10, 11, 20, 21, 30, 31, 40, 41], [2]);

        var targets = data.Batch(2).Select(batch => (batch.Targets.Shape.ToArray(), batch.Targets.ToArray<float>())).ToList();

        Assert.That(targets.Select(t => t.Item1), Is.EqualTo(new[] { new[] { 2, 2 }, new[] { 2, 2 }, new[] { 1, 2 } }));
        Assert.That(targets.SelectMany(t => t.Item2), Is.EqualTo(new float[] { 0, 1, 10, 11, 20, 21, 30, 31, 40, 41 }));
    }

    [Test]
    public void Part_TheProcessesPartsOfEachEpoch_AreTheWholeBatchesInOrder()
    {
        var whole = Numbered(23).Shuffle(seed: 3).Batch(6);
        var parts = Enumerable.Range(0, 2).Select(index => Numbered(23).Shuffle(seed: 3).Batch(6, part: Part(index, 2))).ToList();

        for (int epoch = 0; epoch < 2; epoch++)
        {
            var batches = whole.Select(batch => Rows(batch.Features)).ToList();
            var ofWorker = parts.Select(part => part.Select(batch => Rows(batch.Features)).ToList()).ToList();

            // 23 = 6 + 6 + 6 + 5: the last batch of 5 splits 3 + 2, the others 3 + 3.
            Assert.That(ofWorker[0].Select(rows => rows.Count), Is.EqualTo(new[] { 3, 3, 3, 3 }));
            Assert.That(ofWorker[1].Select(rows => rows.Count), Is.EqualTo(new[] { 3, 3, 3, 2 }));
            Assert.That(ofWorker[0].Zip(ofWorker[1], (first, second) => first.Concat(second)), Is.EqualTo(batches));
        }
    }

    [Test]
    public void Part_EmptyForTheLastBatch_LeavesItOut()
    {
        // 10 = 4 + 4 + 2, on 3 workers: the last batch of 2 cannot give each worker an example.
        var parts = Enumerable.Range(0, 3).Select(index => Numbered(10).Shuffle(seed: 1).Batch(4, part: Part(index, 3))).ToList();

        Assert.That(parts.Select(part => part.Count), Is.EqualTo(new[] { 2, 2, 2 }));
        Assert.That(parts.Select(part => part.Count()), Is.EqualTo(new[] { 2, 2, 2 }));
        Assert.That(parts.Select(part => part.Sum(batch => batch.Targets.Length)), Is.EqualTo(new[] { 4, 2, 2 }));
    }

    [Test]
    public void Part_TheWholeBatch_IsTheBatchesWithoutAPart()
    {
        var whole = Numbered(10).Shuffle(seed: 2).Batch(4);
        var single = Numbered(10).Shuffle(seed: 2).Batch(4, part: Part(0, 1));

        Assert.That(single.Count, Is.EqualTo(whole.Count));
        Assert.That(Epoch(single), Is.EqualTo(Epoch(whole)));
    }

    // Process `index` of `count`'s contiguous part of a batch, the larger parts first, none of a batch smaller than `count`
    // (MiniNet.Distributed's BatchShard.Draw, written out).
    private static Func<int, (int Start, int Length)> Part(int index, int count) => size =>
        size < count ? (0, 0) : (index * (size / count) + Math.Min(index, size % count), size / count + (index < size % count ? 1 : 0));

    // The sample numbers of a batch's rows (each row's first feature).
    private static List<int> Rows(Tensor features) =>
        [.. features.ToArray<float>().Where((_, i) => i % 2 == 0).Select(value => (int)value)];
}
