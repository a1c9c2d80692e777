namespace MiniNet.Playground.Tests.Browser;

/// <summary>Backprop by hand: one sigmoid neuron's forward and backward pass, written out step by step.</summary>
public sealed class BackpropByHandTests : PlaygroundPageTest
{
    /// <summary>
    /// The walk has nine steps (z, ŷ, L forward; ∂L/∂ŷ, ∂ŷ/∂z, ∂L/∂z, ∂L/∂w1, ∂L/∂w2, ∂L/∂b backward) and is recomputed when
    /// an input changes.
    /// </summary>
    [Test]
    public async Task ChangingAnInput_RewritesTheNineSteps()
    {
        await OpenAsync();
        var steps = Page.Locator("#hand-steps li.hand-step");
        await Expect(steps).ToHaveCountAsync(9);
        var before = await Page.Locator("#hand-steps").TextContentAsync();

        await Page.Locator("#hand-x1").FillAsync("2.5");
        await Page.Locator("#hand-x1").PressAsync("Tab");

        await Expect(Page.Locator("#hand-steps")).Not.ToHaveTextAsync(before ?? "");
        await Expect(steps).ToHaveCountAsync(9);
    }
}
