namespace MiniNet.Playground.Tests.Browser;

/// <summary>The published playground starts in a real browser: the WebAssembly runtime boots and renders the page.</summary>
public sealed class PageLoadTests : PlaygroundPageTest
{
    /// <summary>The static files, the runtime and the app load, and Blazor renders the title, with nothing logged as an error.</summary>
    [Test]
    public async Task Page_RendersItsTitle_WithoutConsoleOrPageErrors()
    {
        await OpenAsync();

        Assert.That(await Page.TitleAsync(), Is.EqualTo("MiniNet Playground"));
        Assert.That(Errors, Is.Empty);
    }

    /// <summary>The page has the four sections of the page contract, in order, each with its id and heading.</summary>
    [Test]
    public async Task Page_ShowsTheFourSections()
    {
        await OpenAsync();
        await Expect(Page.Locator("section")).ToHaveCountAsync(4);

        var sections = await Page.Locator("section").EvaluateAllAsync<string[]>(
            "sections => sections.map(s => s.id + ': ' + (s.querySelector('h2')?.textContent ?? '').trim())");

        Assert.That(sections, Is.EqualTo(new[]
        {
            "classifier: Classifier", "step-view: Step view", "surfaces: Momentum surfaces", "by-hand: Backprop by hand",
        }));
    }
}
