using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>axe-core, run in the page, finds no serious or critical accessibility violation.</summary>
public sealed class AccessibilityTests : PlaygroundPageTest
{
    /// <summary>The page as it loads.</summary>
    [Test]
    public async Task LoadedPage_HasNoSeriousOrCriticalViolation()
    {
        await OpenAsync();
        await Expect(Page.Locator("section")).ToHaveCountAsync(4);

        Assert.That(SeriousViolations(await Page.RunAxe()), Is.Empty);
    }

    /// <summary>The page with the views that appear later: a step's tape and chain rule, the race's controls, the surface paths.</summary>
    [Test]
    public async Task PageWithEveryViewFilled_HasNoSeriousOrCriticalViolation()
    {
        await OpenAsync();
        await Page.Locator("#race").CheckAsync(); // before Step: changing the race rebuilds the run and clears the step view
        await Page.Locator("#step").ClickAsync();
        await Page.Locator("#tape-graph .tape-node").First.WaitForAsync();
        await Page.Locator("#surface-play").ClickAsync();
        await Page.Locator("#surface-plot polyline.optimizer-path").First.WaitForAsync();

        Assert.That(SeriousViolations(await Page.RunAxe()), Is.Empty);
    }

    /// <summary>One line per serious or critical violation: the rule, its impact, what it asks, and the elements that break it.</summary>
    private static string[] SeriousViolations(AxeResult result) =>
        [.. result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} at " +
                string.Join(", ", violation.Nodes.Select(node => node.Target.ToString())))];
}
