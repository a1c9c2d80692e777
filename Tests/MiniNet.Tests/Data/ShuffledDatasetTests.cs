using MiniNet.Data;
using static MiniNet.Tests.Data.NumberedDataset;

namespace MiniNet.Tests.Data;

public class ShuffledDatasetTests
{
    [Test]
    public void Shuffle_EveryEpoch_HoldsEverySampleExactlyOnce()
    {
        var batches = Numbered(103).Shuffle(seed: 7).Batch(10);

        for (int epoch = 0; epoch < 3; epoch++)
            Assert.That(Epoch(batches).Order(), Is.EqualTo(Enumerable.Range(0, 103)));
    }

    [Test]
    public void Shuffle_ConsecutiveEpochs_SeeDifferentOrders()
    {
        var batches = Numbered(100).Shuffle(seed: 7).Batch(10);

        var first = Epoch(batches);
        var second = Epoch(batches);

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(first, Is.Not.EqualTo(Enumerable.Range(0, 100)));
    }

    [Test]
    public void Shuffle_SameSeed_GivesTheSameOrdersEpochByEpoch()
    {
        var one = Numbered(100).Shuffle(seed: 7).Batch(10);
        var other = Numbered(100).Shuffle(seed: 7).Batch(32);

        for (int epoch = 0; epoch < 3; epoch++)
            Assert.That(Epoch(other), Is.EqualTo(Epoch(one)));
    }

    [Test]
    public void Shuffle_DifferentSeeds_GiveDifferentOrders()
    {
        Assert.That(Epoch(Numbered(100).Shuffle(seed: 8).Batch(10)), Is.Not.EqualTo(Epoch(Numbered(100).Shuffle(seed: 7).Batch(10))));
    }

    [Test]
    public void Shuffle_EnumerationOrder_IsThePermutationOfThatEpoch()
    {
        var shuffled = Numbered(50).Shuffle(seed: 3);
        var batches = shuffled.Batch(8);

        Epoch(batches);

        Assert.That(Epoch(batches), Is.EqualTo(shuffled.Permutation(epoch: 1)));
        Assert.That(batches.NextEpoch, Is.EqualTo(2));
    }

    [Test]
    public void Permutation_NegativeEpoch_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(10).Shuffle(seed: 1).Permutation(-1))!;

        Assert.That(error.ParamName, Is.EqualTo("epoch"));
    }
}
