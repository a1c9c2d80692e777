using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Playground.Components;
using Playground.Model;
using Playground.Pages;

namespace MiniNet.Playground.Tests.Components;

public class ClassifierTests
{
    [Test]
    public async Task Step_CountsOneOptimizerStep_AndTheStepViewDrawsOneTapeNodePerTensorOfTheListing()
    {
        using var context = new BunitContext();
        var page = context.Render<Home>();
        Assert.That(page.FindAll(".tape-node"), Is.Empty);

        await page.Find("#step").ClickAsync(new());

        Assert.That(page.Find("#step-count").TextContent, Is.EqualTo("1"));
        Assert.That(page.Find("#epoch").TextContent, Is.EqualTo("0"));
        var listedTensors = page.Find("#tape-text").TextContent.Split('\n').Count(line => line.TrimStart().StartsWith('#'));
        Assert.That(listedTensors, Is.GreaterThan(0));
        Assert.That(page.FindAll(".tape-node"), Has.Count.EqualTo(listedTensors));
    }

    [Test]
    public async Task AddLayer_AddsAWidthInput_AndTheNextStepHasOneMoreDenseLayerMatmul()
    {
        using var context = new BunitContext();
        var page = context.Render<Home>();
        await page.Find("#step").ClickAsync(new());
        int matmulsBefore = page.FindAll(".tape-node[data-name=matmul]").Count;
        Assert.That(matmulsBefore, Is.EqualTo(3), "two hidden layers and the output layer by default");
        Assert.That(page.FindAll("#width-2"), Is.Empty);

        await page.Find("#add-layer").ClickAsync(new());

        Assert.That(page.FindAll("#width-2"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll(".tape-node"), Is.Empty, "a new network has no step yet");
        await page.Find("#step").ClickAsync(new());
        Assert.That(page.FindAll(".tape-node[data-name=matmul]"), Has.Count.EqualTo(matmulsBefore + 1));
    }

    [Test]
    public async Task RemoveLayer_DownToNone_DisablesItself()
    {
        using var context = new BunitContext();
        var classifier = context.Render<Classifier>();

        await classifier.Find("#remove-layer").ClickAsync(new());
        await classifier.Find("#remove-layer").ClickAsync(new());

        Assert.That(classifier.FindAll("input[id^=width-]"), Is.Empty);
        Assert.That(classifier.Find("#remove-layer").HasAttribute("disabled"), Is.True);
    }

    [Test]
    public async Task Play_TrainsEpochAfterEpoch_UntilPaused()
    {
        using var context = new BunitContext();
        var classifier = context.Render<Classifier>();

        _ = classifier.Find("#play").ClickAsync(new());
        Assert.That(classifier.Find("#play").TextContent, Is.EqualTo("Pause"));
        Assert.That(classifier.Find("#play").GetAttribute("aria-pressed"), Is.EqualTo("true"));
        classifier.WaitForState(() => int.Parse(classifier.Find("#epoch").TextContent) >= 2, TimeSpan.FromSeconds(20));

        await classifier.Find("#play").ClickAsync(new());
        string epochWhenPaused = classifier.Find("#epoch").TextContent;
        await Task.Delay(200);

        Assert.That(classifier.Find("#play").TextContent, Is.EqualTo("Play"));
        Assert.That(classifier.Find("#play").GetAttribute("aria-pressed"), Is.EqualTo("false"));
        Assert.That(classifier.Find("#epoch").TextContent, Is.EqualTo(epochWhenPaused));
        Assert.That(classifier.FindAll("#loss-chart polyline[data-set=train]")[0].GetAttribute("points")!.Split(' '),
            Has.Length.EqualTo(int.Parse(epochWhenPaused) + 1), "one point before training and one per epoch");
    }

    [Test]
    public async Task ChangingTheDataSet_ResetsTheRun_AndStopsPlaying()
    {
        using var context = new BunitContext();
        var classifier = context.Render<Classifier>();
        _ = classifier.Find("#play").ClickAsync(new());
        classifier.WaitForState(() => classifier.Find("#epoch").TextContent != "0", TimeSpan.FromSeconds(20));

        await classifier.Find("#dataset").ChangeAsync("Spiral");

        Assert.That(classifier.Find("#epoch").TextContent, Is.EqualTo("0"));
        Assert.That(classifier.Find("#step-count").TextContent, Is.EqualTo("0"));
        Assert.That(classifier.Find("#play").TextContent, Is.EqualTo("Play"));
        Assert.That(classifier.Find("#dataset option[selected]").GetAttribute("value"), Is.EqualTo("Spiral"));
    }

    [Test]
    public void Losses_AreTheRunsLosses_WithThreeDecimals()
    {
        var run = new PlaygroundRun(new PlaygroundSettings());
        using var context = new BunitContext();
        var classifier = context.Render<Classifier>();

        Assert.That(classifier.Find("#train-loss").TextContent, Does.Match(@"^\d+\.\d{3}$"));
        Assert.That(double.Parse(classifier.Find("#train-loss").TextContent), Is.EqualTo(run.TrainLoss).Within(0.0005));
        Assert.That(double.Parse(classifier.Find("#test-loss").TextContent), Is.EqualTo(run.TestLoss).Within(0.0005));
    }

    [Test]
    public async Task TheSameSeed_GivesTheSameRun_AndAnotherSeedAnotherOne()
    {
        using var context = new BunitContext();
        var first = context.Render<Classifier>();
        var second = context.Render<Classifier>();
        for (int step = 0; step < 5; step++)
        {
            await first.Find("#step").ClickAsync(new());
            await second.Find("#step").ClickAsync(new());
        }
        Assert.That(second.Find("#train-loss").TextContent, Is.EqualTo(first.Find("#train-loss").TextContent));
        Assert.That(second.Find("#heatmap").GetAttribute("src"), Is.EqualTo(first.Find("#heatmap").GetAttribute("src")));

        await second.Find("#seed").ChangeAsync("2");
        for (int step = 0; step < 5; step++) await second.Find("#step").ClickAsync(new());

        Assert.That(second.Find("#heatmap").GetAttribute("src"), Is.Not.EqualTo(first.Find("#heatmap").GetAttribute("src")));
    }

    [Test]
    public async Task RaceCheckbox_AddsTheSecondOptimizersCurvesAndLosses()
    {
        using var context = new BunitContext();
        var classifier = context.Render<Classifier>();
        Assert.That(classifier.FindAll("#loss-chart polyline.curve"), Has.Count.EqualTo(2));
        Assert.That(classifier.FindAll("#race-optimizer"), Is.Empty);

        await classifier.Find("#race").ChangeAsync(true);
        await classifier.Find("#race-optimizer").ChangeAsync(nameof(OptimizerKind.Nesterov));
        await classifier.Find("#step").ClickAsync(new());

        var curves = classifier.FindAll("#loss-chart polyline.curve");
        Assert.That(curves, Has.Count.EqualTo(4));
        Assert.That(curves.Count(curve => curve.GetAttribute("data-run") == "second"), Is.EqualTo(2));
        Assert.That(curves.Select(curve => curve.GetAttribute("points")!.Split(' ').Length), Is.All.EqualTo(2));
        Assert.That(classifier.Find("#race-train-loss").TextContent, Does.Match(@"^\d+\.\d{3}$"));
        string legend = classifier.Find(".legend").TextContent;
        Assert.That(legend, Does.Contain(OptimizerKinds.Label(OptimizerKind.MomentumPyTorch)));
        Assert.That(legend, Does.Contain(OptimizerKinds.Label(OptimizerKind.Nesterov)));
    }

    [Test]
    public async Task Race_DrawsBothNetworksBoundaries_SideBySide_EachUnderItsOptimizersName()
    {
        using var context = new BunitContext();
        var classifier = context.Render<Classifier>();
        Assert.That(classifier.FindAll("img[id$='heatmap']"), Has.Count.EqualTo(1));

        await classifier.Find("#race").ChangeAsync(true);
        await classifier.Find("#race-optimizer").ChangeAsync(nameof(OptimizerKind.Sgd));
        // Before training both networks are the same network: the same picture.
        Assert.That(classifier.Find("#race-heatmap").GetAttribute("src"), Is.EqualTo(classifier.Find("#heatmap").GetAttribute("src")));
        await classifier.Find("#step").ClickAsync(new());
        await classifier.Find("#step").ClickAsync(new());

        Assert.That(classifier.FindAll("img[id$='heatmap']"), Has.Count.EqualTo(2));
        Assert.That(classifier.Find("#race-heatmap").GetAttribute("src"), Is.Not.EqualTo(classifier.Find("#heatmap").GetAttribute("src")),
            "after two steps momentum and plain SGD have moved the weights differently");
        Assert.That(classifier.Find("#boundary .boundary-title").TextContent, Is.EqualTo(OptimizerKinds.Label(OptimizerKind.MomentumPyTorch)));
        Assert.That(classifier.Find("#race-boundary .boundary-title").TextContent, Is.EqualTo(OptimizerKinds.Label(OptimizerKind.Sgd)));
        Assert.That(classifier.Find("#race-heatmap").GetAttribute("alt"), Does.StartWith("SGD: "));
        Assert.That(classifier.FindAll("label[for='race-show-test']"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task NesterovAtMomentumZero_IsExplainedBesideTheMomentum_AndNothingTrainsUntilItChanges()
    {
        using var context = new BunitContext();
        var classifier = context.Render<Classifier>();

        await classifier.Find("#momentum").ChangeAsync("0");
        await classifier.Find("#optimizer").ChangeAsync(nameof(OptimizerKind.Nesterov));

        Assert.That(classifier.Find("#momentum-conflict").TextContent, Does.Contain("Nesterov needs a momentum above 0"));
        Assert.That(classifier.Find("#play").HasAttribute("disabled"), Is.True);
        Assert.That(classifier.Find("#step").HasAttribute("disabled"), Is.True);
        Assert.That(classifier.FindAll("#loss-chart"), Is.Empty, "no chart of a run the settings do not describe");
        Assert.That(classifier.Find("#optimizer option[selected]").GetAttribute("value"), Is.EqualTo(nameof(OptimizerKind.Nesterov)));

        await classifier.Find("#momentum").ChangeAsync("0.5");

        Assert.That(classifier.FindAll("#momentum-conflict"), Is.Empty);
        await classifier.Find("#step").ClickAsync(new());
        Assert.That(classifier.Find("#step-count").TextContent, Is.EqualTo("1"));
        Assert.That(classifier.Find(".legend").TextContent, Does.Contain("Nesterov"));
    }

    [Test]
    public async Task EachRacer_HasItsOwnLearningRateAndMomentum_AndTheReadoutsNameBothRacers()
    {
        using var context = new BunitContext();
        var classifier = context.Render<Classifier>();
        await classifier.Find("#momentum").ChangeAsync("0.5");
        await classifier.Find("#race").ChangeAsync(true);
        await classifier.Find("#race-optimizer").ChangeAsync(nameof(OptimizerKind.MomentumPyTorch));
        await classifier.Find("#race-momentum").ChangeAsync("0.9");
        await classifier.Find("#step").ClickAsync(new());

        var alone = new PlaygroundRun(new PlaygroundSettings { Momentum = 0.9 });
        alone.Step();
        Assert.That(double.Parse(classifier.Find("#race-train-loss").TextContent), Is.EqualTo(alone.TrainLoss).Within(0.0005));
        var names = classifier.FindAll(".readout dt").Select(term => term.TextContent).ToArray();
        Assert.That(names, Does.Contain("Train loss, momentum (PyTorch form), m 0.5"));
        Assert.That(names, Does.Contain("Train loss, momentum (PyTorch form), m 0.9"));
    }

    [Test]
    public async Task EveryChange_IsWrittenIntoTheAddress_AndTheAddressRebuildsTheSameRun()
    {
        using var context = new BunitContext();
        var navigation = context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var first = context.Render<Classifier>();
        await first.Find("#dataset").ChangeAsync(nameof(DataShape.Circles));
        await first.Find("#feature-XSquared").ChangeAsync(true);
        await first.Find("#race").ChangeAsync(true);
        for (int step = 0; step < 3; step++) await first.Find("#step").ClickAsync(new());
        Assert.That(navigation.Uri, Does.Contain("data=circles").And.Contains("features=x,y,xsquared").And.Contains("race=adam"));

        var second = context.Render<Classifier>(); // opened at the address the first wrote
        for (int step = 0; step < 3; step++) await second.Find("#step").ClickAsync(new());

        Assert.That(second.Find("#dataset option[selected]").GetAttribute("value"), Is.EqualTo(nameof(DataShape.Circles)));
        Assert.That(second.Find("#race-train-loss").TextContent, Is.EqualTo(first.Find("#race-train-loss").TextContent));
        Assert.That(second.Find("#heatmap").GetAttribute("src"), Is.EqualTo(first.Find("#heatmap").GetAttribute("src")));
    }

    [Test]
    public void ALinkWithValuesThePageCannotUse_SaysWhichAndTrainsTheRest()
    {
        using var context = new BunitContext();
        var navigation = context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/?data=spiral&lr=fast");
        var classifier = context.Render<Classifier>();

        Assert.That(classifier.Find("#link-problems").TextContent, Does.Contain("lr=fast is not a learning rate the page offers; 0.03 is used"));
        Assert.That(classifier.Find("#dataset option[selected]").GetAttribute("value"), Is.EqualTo(nameof(DataShape.Spiral)));
    }

    [Test]
    public async Task TheNetworkDrawing_HasAHeatMapPerNeuron_AndALinkPerWeight_WhichAClickEdits()
    {
        using var context = new BunitContext();
        var classifier = context.Render<Classifier>();
        Assert.That(classifier.FindAll("#network image.neuron"), Has.Count.EqualTo(2 + 4 + 4 + 1));
        Assert.That(classifier.FindAll("#network line.link"), Has.Count.EqualTo(2 * 4 + 4 * 4 + 4));
        string lossBefore = classifier.Find("#train-loss").TextContent;

        await classifier.Find("#network line.link[data-layer='1'][data-input='2'][data-unit='3']").ClickAsync(new());
        await classifier.Find("#weight-edit").ChangeAsync("5");

        Assert.That(classifier.Find("#network line.link[data-layer='1'][data-input='2'][data-unit='3']").GetAttribute("data-weight"), Is.EqualTo("5"));
        Assert.That(classifier.Find("#train-loss").TextContent, Is.Not.EqualTo(lossBefore));
    }
}
