using System.Globalization;
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

    /// <summary>The hand-written formatting writes what .NET's "0.##" writes of the value rounded to hundredths, over values
    /// of every size a drawing uses, halves and near-halves, values that round to zero from below, and values far off any chart
    /// (a weight or a loss gone wild), which must not overflow.</summary>
    [Test]
    public void Coordinate_WritesWhatTheGeneralFormattingWrites()
    {
        var random = new Random(11);
        double[] special = [1e9, -1e9, 999_999_999.995, 1e15 + 0.37, -3e18, 1e300, double.MaxValue, double.NaN, double.PositiveInfinity, 0, -0.0, 0.004, -0.004, -0.005, 0.005, 0.015, 1.005, 2.675, -2.675, 0.1, 0.5, 99.995, 259.999, -1e-9, 123456.785, 1e7 + 0.125];
        var values = special.Concat(Enumerable.Range(0, 20_000).Select(_ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 5))))
            .Concat(Enumerable.Range(0, 2_000).Select(i => i / 200.0 - 5));

        foreach (double value in values)
            Assert.That(SvgPoints.Coordinate(value), Is.EqualTo((Math.Round(value, 2) + 0.0).ToString("0.##", CultureInfo.InvariantCulture)), $"{value:R}");
    }
}
