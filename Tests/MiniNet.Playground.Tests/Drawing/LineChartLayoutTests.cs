using Playground.Drawing;

namespace MiniNet.Playground.Tests.Drawing;

public class LineChartLayoutTests
{
    [Test]
    public void Points_HaveOneVertexPerDataPoint()
    {
        var layout = new LineChartLayout([[(0, 0.7), (20, 0.5), (40, 0.3)], [(0, 0.9), (20, 0.6)]], 500, 300);

        Assert.That(layout.Points(0).Split(' '), Has.Length.EqualTo(3));
        Assert.That(layout.Points(1).Split(' '), Has.Length.EqualTo(2));
    }

    [Test]
    public void Scales_PutTheFirstStepAtTheLeftAxis_ZeroLossAtTheBottom_AndTheLargestLossAtTheTop()
    {
        var layout = new LineChartLayout([[(0, 0), (40, 0.8)]], 500, 300);

        Assert.That(layout.X.Map(0), Is.EqualTo(LineChartLayout.LeftMargin));
        Assert.That(layout.X.Map(40), Is.EqualTo(500 - LineChartLayout.RightMargin));
        Assert.That(layout.Y.Map(0), Is.EqualTo(300 - LineChartLayout.BottomMargin));
        Assert.That(layout.Y.Map(0.8), Is.EqualTo(LineChartLayout.TopMargin));
    }

    /// <summary>A run of 20,000 epochs on a chart 420 units wide: at most four vertices per unit-wide column, and in every
    /// column the first, lowest, highest and last of its data points, so the line drawn keeps its shape at the chart's
    /// resolution; the first and last points of the run are kept.</summary>
    [Test]
    public void ALongRun_KeepsEachColumnsFirstLowestHighestAndLast()
    {
        var random = new Random(4);
        (double X, double Y)[] run = [.. Enumerable.Range(0, 20_000).Select(epoch => ((double)epoch, 1.0 / (1 + epoch) + 0.01 * random.NextDouble()))];
        var layout = new LineChartLayout([run], 500, 300);

        var vertices = layout.Points(0).Split(' ').Select(pair => pair.Split(',').Select(double.Parse).ToArray()).ToArray();

        Assert.That(vertices, Has.Length.LessThanOrEqualTo(4 * (500 - (int)LineChartLayout.LeftMargin - (int)LineChartLayout.RightMargin + 1)));
        Assert.That(vertices, Has.Length.GreaterThan(420));
        var columns = run.Select(p => (X: layout.X.Map(p.X), Y: layout.MapY(p.Y))).GroupBy(p => Math.Floor(p.X));
        var kept = vertices.Select(v => (v[0], v[1])).ToHashSet();
        foreach (var column in columns)
        foreach (var point in new[] { column.First(), column.MinBy(p => p.Y), column.MaxBy(p => p.Y), column.Last() })
            Assert.That(kept, Does.Contain((Math.Round(point.X, 2), Math.Round(point.Y, 2))), $"column {column.Key}");
    }

    [Test]
    public void ASinglePoint_StillGetsAUsableScale()
    {
        var layout = new LineChartLayout([[(0, 0.69)]], 500, 300);

        Assert.That(layout.Points(0), Is.EqualTo($"{LineChartLayout.LeftMargin},{LineChartLayout.TopMargin}"));
    }
}

public class LogScaleLayoutTests
{
    [Test]
    public void LogY_SpansThePowersOfTenAroundTheData_AndTicksEachPower()
    {
        var chart = new LineChartLayout([[(0, 0.5), (1, 0.02), (2, 0.0003), (3, 0)]], 520, 260, logY: true);

        Assert.That(chart.YTicks(4), Is.EqualTo(new[] { 1e-4, 1e-3, 1e-2, 1e-1, 1 }).Within(1e-15));
        Assert.That(chart.MapY(1e-4), Is.EqualTo(chart.PlotBottom));
        Assert.That(chart.MapY(1), Is.EqualTo(chart.PlotTop));
        Assert.That(chart.MapY(1e-2), Is.EqualTo((chart.PlotTop + chart.PlotBottom) / 2).Within(1e-9));
        Assert.That(chart.Points(0).Split(' '), Has.Length.EqualTo(3), "a loss of 0 has no place on a log scale");
    }
}
