using MiniNet.Optimizers;

namespace MiniNet.Tests.Optimizers;

public class StepTotalsTests
{
    [Test]
    public void Constructor_GivesZeroedSumsOfTheRequestedCount()
    {
        var totals = new StepTotals(3);

        Assert.That(totals.Sums, Is.EqualTo(new double[] { 0, 0, 0 }));
        Assert.That(totals.Examples, Is.EqualTo(0));
    }

    [Test]
    public void Examples_Negative_NamesTheValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StepTotals(0) { Examples = -1 })!;

        Assert.That(error.ActualValue, Is.EqualTo(-1L));
    }

    [Test]
    public void Constructor_NegativeSumCount_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StepTotals(-2))!;

        Assert.That(error.ParamName, Is.EqualTo("sumCount"));
    }
}
