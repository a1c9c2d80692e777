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
