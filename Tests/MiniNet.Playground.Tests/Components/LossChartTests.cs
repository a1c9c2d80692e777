using Bunit;
using Playground.Components;
using Playground.Drawing;

namespace MiniNet.Playground.Tests.Components;

public class LossChartTests
{
    private static readonly LossCurve[] Curves =
    [
        new("first", "train", "train loss, SGD", [(0, 0.7), (20, 0.5), (40, 0.4)]),
        new("first", "test", "test loss, SGD", [(0, 0.72), (20, 0.55), (40, 0.45)]),
        new("second", "train", "train loss, Adam", [(0, 0.7), (20, 0.3), (40, 0.1), (60, 0.05)]),
    ];

    [Test]
    public void EachCurve_IsOnePolyline_WithOneVertexPerPoint_AndItsRunAndSet()
    {
        using var context = new BunitContext();
        var chart = context.Render<LossChart>(parameters => parameters.Add(c => c.Curves, Curves));

        var polylines = chart.FindAll("#loss-chart polyline.curve");
        Assert.That(polylines.Select(p => p.GetAttribute("points")!.Split(' ').Length), Is.EqualTo(new[] { 3, 3, 4 }));
        Assert.That(polylines.Select(p => (p.GetAttribute("data-run"), p.GetAttribute("data-set"))),
            Is.EqualTo(new[] { ("first", "train"), ("first", "test"), ("second", "train") }));
    }

    [Test]
    public void TheHighestLoss_IsDrawnAtTheTop_AndTheLastStepAtTheRight()
    {
        using var context = new BunitContext();
        var chart = context.Render<LossChart>(parameters => parameters.Add(c => c.Curves, Curves));

        var testPoints = chart.FindAll("polyline.curve")[1].GetAttribute("points")!.Split(' ');
        var adamPoints = chart.FindAll("polyline.curve")[2].GetAttribute("points")!.Split(' ');
        Assert.That(testPoints[0], Does.EndWith($",{LineChartLayout.TopMargin}"), "0.72 is the largest loss");
        Assert.That(adamPoints[^1], Does.StartWith($"{520 - LineChartLayout.RightMargin},"), "step 60 is the last step");
    }

    [Test]
    public void TheChart_IsAnImageWithItsLatestLossesInItsLabel_AndALegendNamingEachCurve()
    {
        using var context = new BunitContext();
        var chart = context.Render<LossChart>(parameters => parameters.Add(c => c.Curves, Curves));

        var svg = chart.Find("#loss-chart");
        Assert.That(svg.GetAttribute("role"), Is.EqualTo("img"));
        Assert.That(svg.GetAttribute("aria-label"), Does.Contain("train loss, Adam now 0.050"));
        Assert.That(chart.FindAll(".legend li").Select(item => item.TextContent), Is.EqualTo(Curves.Select(curve => curve.Label)));
    }
}
