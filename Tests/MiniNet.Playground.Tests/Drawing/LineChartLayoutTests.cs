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
