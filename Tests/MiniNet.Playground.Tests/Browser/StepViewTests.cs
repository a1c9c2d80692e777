using System.Text.RegularExpressions;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>The step view: one training step's tape drawn as a graph, and the chain rule for a chosen weight.</summary>
public sealed class StepViewTests : PlaygroundPageTest
{
    /// <summary>
    /// Before a step the view invites one; after Step the graph draws one node per line of the tape's listing (one line per
    /// tensor), and the chain rule's table has one row per example of the batch in its body and changes when another weight
    /// is chosen.
    /// </summary>
    [Test]
    public async Task Step_DrawsEveryTapeNode_AndExplainsTheChosenWeight()
    {
        await OpenAsync();
        await Expect(Page.Locator("#step-view")).ToContainTextAsync("Take a step (Step button) to see its tape.");

        await Page.Locator("#step").ClickAsync();
        await Page.Locator("#tape-graph .tape-node").First.WaitForAsync();

        var listing = await Page.Locator("#tape-text").TextContentAsync() ?? "";
        var listedNodes = listing.Split('\n').Count(line => Regex.IsMatch(line, @"^\s*#\d+\s"));
        var drawnIds = await Page.Locator("#tape-graph .tape-node").EvaluateAllAsync<int[]>(
            "nodes => nodes.map(n => Number(n.dataset.nodeId))");
        Assert.That(listedNodes, Is.GreaterThanOrEqualTo(5), listing);
        Assert.That(drawnIds.Order(), Is.EqualTo(Enumerable.Range(0, listedNodes)), listing);

        var weights = await Page.Locator("#weight option").CountAsync();
        Assert.That(weights, Is.GreaterThan(1));
        var batchSize = int.Parse(await Page.Locator("#batch-size").InputValueAsync());
        var firstExplanation = await Page.Locator("#chain-rule").TextContentAsync();
        await Page.Locator("#weight").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Index = weights - 1 });

        await Expect(Page.Locator("#chain-rule")).Not.ToHaveTextAsync(firstExplanation ?? "");
        await Expect(Page.Locator("#chain-rule tbody tr:has(td)")).ToHaveCountAsync(batchSize);
        await ScreenshotAsync("step-view");
    }
}
