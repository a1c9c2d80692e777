using Bunit;
using Playground.Components;
using Playground.Model;

namespace MiniNet.Playground.Tests.Components;

public class SurfaceLabTests
{
    [Test]
    public void AtTheStart_EveryOptimizerStandsOnTheStartMarker_AndNoneHasReachedTheThreshold()
    {
        using var context = new BunitContext();
        var lab = context.Render<SurfaceLab>();

        // Rosenbrock's window is x ∈ [-1.6, 1.6], y ∈ [-0.4, 2.2] on 480 × 360: the start (-1.2, 1) is at
        // x = 0.4 / 3.2 · 480 = 60 and y = 360 − 1.4 / 2.6 · 360 = 166.15.
        var start = lab.Find("circle.marker-start");
        Assert.That((start.GetAttribute("cx"), start.GetAttribute("cy")), Is.EqualTo(("60", "166.15")));
        var paths = lab.FindAll("polyline.optimizer-path");
        Assert.That(paths.Select(path => path.GetAttribute("data-optimizer")), Is.EqualTo(Enum.GetNames<OptimizerKind>()));
        Assert.That(paths.Select(path => path.GetAttribute("points")), Is.All.EqualTo("60,166.15"));
        var rows = lab.FindAll("#surface-table tbody tr");
        Assert.That(rows, Has.Count.EqualTo(5));
        Assert.That(rows.Select(row => row.Children[2].TextContent), Is.All.EqualTo("not reached"));
        Assert.That(rows.Select(row => row.Children[1].TextContent), Is.EqualTo(new[] { "0.001", "0.001", "0.001", "0.001", "0.02" }));
    }

    [Test]
    public async Task Play_WalksEveryPathOn_UntilPaused_AndResetBringsThemBack()
    {
        using var context = new BunitContext();
        var lab = context.Render<SurfaceLab>();

        _ = lab.Find("#surface-play").ClickAsync(new());
        lab.WaitForState(() => int.Parse(lab.Find("#surface-step").TextContent) >= 100, TimeSpan.FromSeconds(20));
        await lab.Find("#surface-play").ClickAsync(new());

        Assert.That(lab.Find("#surface-play").TextContent, Is.EqualTo("Play"));
        Assert.That(lab.FindAll("polyline.optimizer-path").Select(path => path.GetAttribute("points")!.Split(' ').Length), Is.All.GreaterThan(5));
        await lab.Find("#surface-reset").ClickAsync(new());
        Assert.That(lab.Find("#surface-step").TextContent, Is.EqualTo("0"));
        Assert.That(lab.FindAll("polyline.optimizer-path").Select(path => path.GetAttribute("points")), Is.All.EqualTo("60,166.15"));
    }

    [Test]
    public void ChoosingTheBumpyValley_RedrawsTheContours_AndUsesItsLearningRates()
    {
        using var context = new BunitContext();
        var lab = context.Render<SurfaceLab>();
        string rosenbrockImage = lab.Find("#surface-plot img").GetAttribute("src")!;

        lab.Find("#surface").Change("1");

        Assert.That(lab.Find("#surface-table caption").TextContent, Does.StartWith("Bumpy tilted valley"));
        Assert.That(lab.Find("#surface-plot img").GetAttribute("src"), Is.Not.EqualTo(rosenbrockImage));
        Assert.That(lab.FindAll("#surface-table tbody tr").Select(row => row.Children[1].TextContent), Is.EqualTo(new[] { "0.1", "0.1", "0.1", "0.1", "0.05" }));
    }
}
