namespace MiniNet.Playground.Tests.Browser;

/// <summary>The page with the keyboard alone: every control is reached with Tab, shows where the focus is, and works.</summary>
public sealed class KeyboardTests : PlaygroundPageTest
{
    /// <summary>More Tab presses than the page has controls; reaching none of the wanted ones in this many means they are unreachable.</summary>
    private const int MaxTabs = 80;

    /// <summary>The controls the page contract promises with the default settings (before any step, race off).</summary>
    private static readonly string[] Controls =
    [
        "dataset", "noise", "train-ratio", "seed", "add-layer", "remove-layer", "width-0", "width-1", "activation",
        "learning-rate", "batch-size", "l2", "optimizer", "momentum", "race", "play", "step", "reset", "show-test",
        "surface", "surface-play", "surface-reset", "hand-x1", "hand-x2", "hand-w1", "hand-w2", "hand-b", "hand-target",
    ];

    /// <summary>Tab, from the top of the page, reaches every control, and each shows a focus outline (or ring) when it has the focus.</summary>
    [Test]
    public async Task Tab_ReachesEveryControl_WithAVisibleFocus()
    {
        await OpenAsync();
        await Expect(Page.Locator("section")).ToHaveCountAsync(4);

        var reached = new HashSet<string>();
        var unmarked = new List<string>();
        for (var press = 0; press < MaxTabs && !reached.IsSupersetOf(Controls); press++)
        {
            await Page.Keyboard.PressAsync("Tab");
            var (id, marked) = await FocusAsync();
            reached.Add(id);
            if (!marked)
                unmarked.Add(id);
        }

        Assert.That(Controls.Except(reached), Is.Empty, $"not reached in {MaxTabs} Tab presses; reached: {string.Join(", ", reached)}");
        Assert.That(unmarked, Is.Empty, "focused without a visible outline or ring");
    }

    /// <summary>Enter on the focused Play button starts training (the epoch count rises); Space pauses it, and then it stays still.</summary>
    [Test]
    public async Task EnterOnPlay_StartsTraining_AndSpacePausesIt()
    {
        await OpenAsync();
        await TabToAsync("play");
        var untrained = await NumberAsync("#epoch");

        await Page.Keyboard.PressAsync("Enter");

        await WaitForNumberAsync("#epoch", $"x > {untrained}", TimeSpan.FromSeconds(30));
        await Expect(Page.Locator("#play")).ToHaveAttributeAsync("aria-pressed", "true");
        await Page.Keyboard.PressAsync("Space");
        await Expect(Page.Locator("#play")).ToHaveAttributeAsync("aria-pressed", "false");
        var paused = await NumberAsync("#epoch");
        await Page.WaitForTimeoutAsync(500);
        Assert.That(await NumberAsync("#epoch"), Is.EqualTo(paused), "the epoch count moved after Pause");
    }

    private async Task TabToAsync(string id)
    {
        for (var press = 0; press < MaxTabs; press++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if ((await FocusAsync()).Id == id)
                return;
        }
        Assert.Fail($"#{id} not reached in {MaxTabs} Tab presses");
    }

    /// <summary>The focused element's id, and whether it draws a focus indicator (an outline, or a box shadow as a ring).</summary>
    private async Task<(string Id, bool Marked)> FocusAsync()
    {
        var focus = await Page.EvaluateAsync<string[]>("""
            () => {
                const element = document.activeElement;
                const style = getComputedStyle(element);
                const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                return [element.id || element.tagName.toLowerCase(), String(outlined || style.boxShadow !== 'none')];
            }
            """);
        return (focus[0], focus[1] == "true");
    }
}
