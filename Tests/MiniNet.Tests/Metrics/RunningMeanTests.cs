using MiniNet.Metrics;

namespace MiniNet.Tests.Metrics;

public class RunningMeanTests
{
    [Test]
    public void Add_WeightedByBatchSize_GivesTheMeanOverSamples()
    {
        var loss = new RunningMean();

        loss.Add(2.0, weight: 64);
        loss.Add(5.0, weight: 32);

        Assert.That(loss.Result, Is.EqualTo((2.0 * 64 + 5.0 * 32) / 96).Within(1e-12));
        Assert.That(loss.TotalWeight, Is.EqualTo(96));
    }

    [Test]
    public void Add_WithoutWeights_GivesThePlainMean()
    {
        var mean = new RunningMean();

        foreach (double value in new[] { 1.0, 2.0, 6.0 }) mean.Add(value);

        Assert.That(mean.Result, Is.EqualTo(3.0));
    }

    [Test]
    public void Result_BeforeAnyValue_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => _ = new RunningMean().Result);
    }

    [Test]
    public void Reset_StartsOver()
    {
        var mean = new RunningMean();
        mean.Add(10);

        mean.Reset();
        mean.Add(4);

        Assert.That(mean.Result, Is.EqualTo(4.0));
    }

    [Test]
    public void Add_NegativeWeight_NamesTheParameterAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RunningMean().Add(1, weight: -2))!;

        Assert.That(error.ParamName, Is.EqualTo("weight"));
        Assert.That(error.ActualValue, Is.EqualTo(-2.0));
    }

    [Test]
    public void Add_NaN_MakesTheMeanNaN()
    {
        var mean = new RunningMean();
        mean.Add(1, 2);
        mean.Add(double.NaN, 1);

        Assert.That(mean.Result, Is.NaN);
    }

    [Test]
    public void AddSum_ASumAndItsWeight_CountsAsTheirMean()
    {
        var mean = new RunningMean();

        mean.AddSum(6.0, weight: 3);
        mean.Add(4.0, weight: 1);

        Assert.That(mean.Result, Is.EqualTo((6.0 + 4.0) / 4));
        Assert.That(mean.TotalWeight, Is.EqualTo(4));
    }

    [Test]
    public void AddSum_NegativeWeight_NamesTheValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RunningMean().AddSum(1, -1))!;

        Assert.That(error.ActualValue, Is.EqualTo(-1.0));
    }
}
