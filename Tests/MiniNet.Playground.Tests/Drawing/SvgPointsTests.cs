using Playground.Drawing;

namespace MiniNet.Playground.Tests.Drawing;

public class SvgPointsTests
{
    [Test]
    public void Format_JoinsPairsWithCommasAndSpaces_RoundedToHundredths()
    {
        Assert.That(SvgPoints.Format([(1.5, 2), (3, 4.256), (-0.004, 10)]), Is.EqualTo("1.5,2 3,4.26 0,10"));
    }

    [Test]
    public void Format_LeavesOutPointsWithANonFiniteCoordinate()
    {
        Assert.That(SvgPoints.Format([(1, 1), (double.NaN, 2), (3, double.PositiveInfinity), (4, 4)]), Is.EqualTo("1,1 4,4"));
    }
}
