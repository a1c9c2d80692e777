
namespace MiniNet.Distributed.Tests;

public class BatchShardTests
{
    [Test]
    public void PartOf_64ExamplesOnTwoWorkers_GivesEachHalf()
    {
        Assert.That(new BatchShard(0, 2).PartOf(64), Is.EqualTo((0, 32)));
        Assert.That(new BatchShard(1, 2).PartOf(64), Is.EqualTo((32, 32)));
    }

    [Test]
    public void PartOf_TenExamplesOnThreeWorkers_GivesTheLargerPartFirst()
    {
        var parts = Enumerable.Range(0, 3).Select(index => new BatchShard(index, 3).PartOf(10));

        Assert.That(parts, Is.EqualTo(new[] { (0, 4), (4, 3), (7, 3) }));
    }

    [Test]
    public void PartOf_EveryBatchSizeAndWorkerCount_TilesTheBatchWithPartsDifferingByAtMostOne()
    {
        for (int batchSize = 1; batchSize <= 40; batchSize++)
            for (int workers = 1; workers <= batchSize; workers++)
            {
                var parts = Enumerable.Range(0, workers).Select(index => new BatchShard(index, workers).PartOf(batchSize)).ToList();
                var covered = parts.SelectMany(part => Enumerable.Range(part.Start, part.Length));

                Assert.That(covered, Is.EqualTo(Enumerable.Range(0, batchSize)), $"batch {batchSize} on {workers} workers");
                Assert.That(parts.Max(part => part.Length) - parts.Min(part => part.Length), Is.LessThanOrEqualTo(1));
            }
    }

    [Test]
    public void PartOf_FewerExamplesThanWorkers_NamesBothCounts()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchShard(0, 3).PartOf(2))!;

        Assert.That(error.ParamName, Is.EqualTo("batchSize"));
        Assert.That(error.Message, Does.Contain("2 examples").And.Contain("3 workers"));
    }

    [TestCase(0, 0, "count")]
    [TestCase(2, 2, "index")]
    [TestCase(-1, 2, "index")]
    public void Constructor_OutOfRange_NamesTheParameterAndValue(int index, int count, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchShard(index, count))!;

        Assert.That(error.ParamName, Is.EqualTo(parameter));
        Assert.That(error.ActualValue, Is.EqualTo(parameter == "count" ? count : index));
    }
}
