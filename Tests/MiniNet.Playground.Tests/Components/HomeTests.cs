using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Playground.Model;
using Playground.Pages;

namespace MiniNet.Playground.Tests.Components;

public class HomeTests
{
    [Test]
    public void Sections_AreTheFourViews_EachWithAHeading()
    {
        using var context = new BunitContext();
        var page = context.Render<Home>();

        Assert.That(page.FindAll("h1"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("section").Select(s => (s.Id, s.QuerySelector("h2")?.TextContent)), Is.EqualTo(new[]
        {
            ("classifier", "Classifier"), ("step-view", "Step view"), ("surfaces", "Momentum surfaces"), ("by-hand", "Backprop by hand"),
        }));
        Assert.That(page.FindAll("#benchmark"), Is.Empty);
    }

    [Test]
    public async Task EveryControl_HasALabel()
    {
        using var context = new BunitContext();
        var page = context.Render<Home>();
        await page.Find("#step").ClickAsync(new());
        await page.Find("#race").ChangeAsync(true);

        var unlabelled = page.FindAll("input, select")
            .Where(control => page.FindAll($"label[for='{control.Id}']").Count == 0)
            .Select(control => control.Id ?? control.OuterHtml);
        Assert.That(unlabelled, Is.Empty);
    }

    [Test]
    public void BenchmarkQuery_TimesWholeEpochsUntilThatManySteps_AndReportsThemInvariantly()
    {
        var settings = new PlaygroundSettings();
        int stepsPerEpoch = (int)Math.Ceiling(Math.Round(settings.PointCount * settings.TrainFraction) / settings.BatchSize);
        int expectedSteps = (int)Math.Ceiling(60.0 / stepsPerEpoch) * stepsPerEpoch;
        using var context = new BunitContext();
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/?benchmark=60");
        var page = context.Render<Home>();

        var benchmark = page.WaitForElement("#benchmark", TimeSpan.FromSeconds(20));

        Assert.That(benchmark.TextContent, Does.Match($@"^benchmark: {expectedSteps} steps in \d+ ms, \d+ steps/s$"));
    }
}
