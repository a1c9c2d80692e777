using Playground.Drawing;

namespace MiniNet.Playground.Tests.Drawing;

public class LinearScaleTests
{
    [Test]
    public void Map_DomainEnds_LandOnRangeEnds_AndTheMiddleHalfway()
    {
        var scale = new LinearScale(-6, 6, 0, 300);

        Assert.That(scale.Map(-6), Is.EqualTo(0));
        Assert.That(scale.Map(6), Is.EqualTo(300));
        Assert.That(scale.Map(0), Is.EqualTo(150));
        Assert.That(scale.Map(3), Is.EqualTo(225));
    }

    [Test]
    public void Map_BackwardsRange_PutsLargerValuesHigherUp()
    {
        var scale = new LinearScale(0, 2, 200, 0);

        Assert.That(scale.Map(0), Is.EqualTo(200));
        Assert.That(scale.Map(0.5), Is.EqualTo(150));
        Assert.That(scale.Map(2), Is.EqualTo(0));
    }

    [Test]
    public void Ticks_AreRoundMultiplesInsideTheDomain()
    {
        Assert.That(new LinearScale(0, 0.7, 0, 1).Ticks(4), Is.EqualTo(new[] { 0, 0.2, 0.4, 0.6 }));
        Assert.That(new LinearScale(0, 100, 0, 1).Ticks(5), Is.EqualTo(new double[] { 0, 20, 40, 60, 80, 100 }));
        Assert.That(new LinearScale(3, 47, 0, 1).Ticks(4), Is.EqualTo(new double[] { 10, 20, 30, 40 }));
    }

    [Test]
    public void Constructor_EmptyDomain_Throws()
    {
        Assert.That(() => new LinearScale(1, 1, 0, 10), Throws.ArgumentException.With.Message.Contains("[1, 1]"));
    }
}
