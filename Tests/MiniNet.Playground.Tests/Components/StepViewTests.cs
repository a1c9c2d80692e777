using System.Globalization;
using Bunit;
using Playground.Components;
using Playground.Model;

namespace MiniNet.Playground.Tests.Components;

public class StepViewTests
{
    private static StepTrace TracedStep(PlaygroundSettings settings)
    {
        var run = new PlaygroundRun(settings);
        run.Step();
        return run.LastTrace!;
    }

    private static double Number(AngleSharp.Dom.IElement cell) => double.Parse(cell.TextContent, CultureInfo.InvariantCulture);

    [Test]
    public void WithoutAStep_AsksForOne_InsteadOfAGraph()
    {
        using var context = new BunitContext();
        var view = context.Render<StepView>();

        Assert.That(view.Find("#step-view").TextContent, Does.Contain("Take a step (Step button) to see its tape."));
        Assert.That(view.FindAll("#tape-graph"), Is.Empty);
    }

    [Test]
    public void Graph_HasOneNodePerTapeNode_WithItsIdAndShape_AndTheListingBelow()
    {
        var trace = TracedStep(new PlaygroundSettings());
        using var context = new BunitContext();
        var view = context.Render<StepView>(parameters => parameters.Add(v => v.Trace, trace));

        var nodes = view.FindAll("#tape-graph .tape-node");
        Assert.That(nodes, Has.Count.EqualTo(trace.Graph.Nodes.Count));
        Assert.That(nodes.Select(node => node.GetAttribute("data-node-id")), Is.EqualTo(trace.Graph.Nodes.Select(node => node.Id.ToString(CultureInfo.InvariantCulture))));
        var kernel = trace.Graph.Nodes.First(node => node.Name?.EndsWith("kernel", StringComparison.Ordinal) == true);
        Assert.That(nodes[kernel.Id].TextContent, Does.Contain($"shape ({kernel.Shape[0]},{kernel.Shape[1]})"));
        Assert.That(nodes[kernel.Id].TextContent, Does.Contain("‖grad‖"));
        Assert.That(view.FindAll("#tape-graph .tape-edge"), Is.Not.Empty);
        Assert.That(view.Find("#tape-text").TextContent, Is.EqualTo(trace.Graph.ToString()));
    }

    [Test]
    public void ChoosingAWeight_ShowsOneTermPerExample_EachTheProductOfItsFactors_SummingToTheLibrarysGradient()
    {
        var trace = TracedStep(new PlaygroundSettings { BatchSize = 7 });
        using var context = new BunitContext();
        var view = context.Render<StepView>(parameters => parameters.Add(v => v.Trace, trace));
        int chosen = trace.Weights.ToList().FindIndex(weight => weight.Layer == 2 && weight.From == 1 && weight.To == 3);

        view.Find("#weight").Change(chosen.ToString(CultureInfo.InvariantCulture));

        Assert.That(view.Find("#chain-rule caption").TextContent, Does.StartWith("layer 2: w[1→3]"));
        var rows = view.FindAll("#chain-rule tbody tr");
        Assert.That(rows, Has.Count.EqualTo(7));
        double sumOfShownProducts = 0, scale = 0;
        foreach (var row in rows)
        {
            var cells = row.QuerySelectorAll("td").Select(Number).ToArray();
            double product = cells[1] * cells[2] * cells[3];
            Assert.That(cells[4], Is.EqualTo(product).Within(2e-3 * Math.Abs(product) + 1e-12), "product = a · ∂L/∂h · f′(z)");
            sumOfShownProducts += cells[4];
            scale += Math.Abs(cells[4]);
        }
        double shownSum = Number(view.Find("#chain-rule-sum"));
        double shownGradient = Number(view.Find("#chain-rule-gradient"));
        Assert.That(shownSum, Is.EqualTo(sumOfShownProducts).Within(1e-3 * scale + 1e-12));
        Assert.That(shownGradient, Is.EqualTo(shownSum).Within(1e-3 * scale + 1e-12));
        Assert.That(shownGradient, Is.Not.EqualTo(0), "a tanh unit of an untrained network passes gradient back");
    }

    [Test]
    public void ANewTrace_KeepsTheChosenWeight()
    {
        var settings = new PlaygroundSettings();
        var run = new PlaygroundRun(settings);
        run.Step();
        using var context = new BunitContext();
        var view = context.Render<StepView>(parameters => parameters.Add(v => v.Trace, run.LastTrace));
        view.Find("#weight").Change("5");

        run.Step();
        view.Render(parameters => parameters.Add(v => v.Trace, run.LastTrace));

        Assert.That(view.Find("#weight option[selected]").GetAttribute("value"), Is.EqualTo("5"));
        Assert.That(view.Find("#chain-rule caption").TextContent, Does.StartWith(run.LastTrace!.Weights[5].Label));
    }
}
