using Bunit;
using Playground.Components;
using Playground.Model;

namespace MiniNet.Playground.Tests.Components;

public class DecisionBoundaryTests
{
    private static readonly LabeledPoint[] Train = [new(-6, 6, 0), new(0, 0, 1), new(3, -3, 1)];
    private static readonly LabeledPoint[] Test = [new(6, -6, 0)];

    private static IRenderedComponent<DecisionBoundary> Render(BunitContext context) => context.Render<DecisionBoundary>(parameters => parameters
        .Add(b => b.Grid, new float[4])
        .Add(b => b.Resolution, 2)
        .Add(b => b.TrainPoints, Train)
        .Add(b => b.TestPoints, Test));

    [Test]
    public void TrainPoints_AreDrawnWherePlaneCoordinatesFall_WithYUp()
    {
        using var context = new BunitContext();
        var boundary = Render(context);

        var circles = boundary.FindAll("circle.point.train");
        Assert.That(circles.Select(c => (c.GetAttribute("cx"), c.GetAttribute("cy"))),
            Is.EqualTo(new[] { ("0", "0"), ("150", "150"), ("225", "225") }), "(-6, 6) is the top-left corner of 300 × 300");
        Assert.That(circles.Select(c => c.ClassList.Contains("class-1")), Is.EqualTo(new[] { false, true, true }));
        Assert.That(circles.Select(c => c.GetAttribute("r")), Is.All.EqualTo("3.5"));
    }

    [Test]
    public void ShowTest_TogglesTheTestPoints()
    {
        using var context = new BunitContext();
        var boundary = Render(context);
        Assert.That(boundary.FindAll("circle.point.test"), Is.Empty);

        boundary.Find("#show-test").Change(true);
        Assert.That(boundary.FindAll("circle.point.test"), Has.Count.EqualTo(1));

        boundary.Find("#show-test").Change(false);
        Assert.That(boundary.FindAll("circle.point.test"), Is.Empty);
    }

    [Test]
    public void ANewHeatMap_RedrawsTheImage_ButNotThePoints()
    {
        using var context = new BunitContext();
        var boundary = Render(context);
        var points = boundary.FindComponent<BoundaryPoints>();
        string image = boundary.Find("#heatmap").GetAttribute("src")!;
        int pointRenders = points.RenderCount;

        boundary.Render(parameters => parameters.Add(b => b.Grid, new float[] { 1, 1, 1, 1 }));

        Assert.That(boundary.Find("#heatmap").GetAttribute("src"), Is.Not.EqualTo(image));
        Assert.That(points.RenderCount, Is.EqualTo(pointRenders), "the circles are left as they were");
        Assert.That(boundary.FindAll("circle.point.train"), Has.Count.EqualTo(3));
    }

    [Test]
    public void HeatMap_IsABitmapDataUri_WithAltText()
    {
        using var context = new BunitContext();
        var image = Render(context).Find("#boundary #heatmap");

        Assert.That(image.GetAttribute("src"), Does.StartWith("data:image/bmp;base64,"));
        Assert.That(image.GetAttribute("alt"), Does.Contain("probability"));
    }
}
