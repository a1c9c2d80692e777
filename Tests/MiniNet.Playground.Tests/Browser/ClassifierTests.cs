namespace MiniNet.Playground.Tests.Browser;

/// <summary>The classifier section driven with the mouse, as a visitor would: training, the heat map, the race's curves.</summary>
public sealed class ClassifierTests : PlaygroundPageTest
{
    /// <summary>How long XOR may take to learn in the browser; it needs a few hundred epochs, a few seconds on a laptop.</summary>
    private static readonly TimeSpan XorTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// XOR with the default network, played from the page, reaches a test loss under 0.05; pausing stops it, and the heat map
    /// is a different picture from the untrained one. The screenshot taken here is the README's playground.png.
    /// </summary>
    [Test]
    public async Task Xor_PlayedFromThePage_ReachesATestLossBelow0_05()
    {
        await OpenAsync();
        await Page.Locator("#dataset").SelectOptionAsync("Xor");
        var untrainedHeatMap = await Page.Locator("#heatmap").GetAttributeAsync("src");
        Assert.That(untrainedHeatMap, Does.StartWith("data:image/"));

        await Page.Locator("#play").ClickAsync();
        await Expect(Page.Locator("#play")).ToHaveAttributeAsync("aria-pressed", "true");
        await WaitUntilAsync("parseFloat(document.querySelector('#test-loss').textContent) < 0.05", XorTimeout,
            async () => $"test loss {await Page.Locator("#test-loss").TextContentAsync()} at epoch {await Page.Locator("#epoch").TextContentAsync()}");
        await Page.Locator("#play").ClickAsync();

        await Expect(Page.Locator("#play")).ToHaveTextAsync("Play");
        await Expect(Page.Locator("#play")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.That(await NumberAsync("#test-loss"), Is.LessThan(0.05));
        Assert.That(await Page.Locator("#heatmap").GetAttributeAsync("src"), Is.Not.EqualTo(untrainedHeatMap));
        await ScreenshotAsync("playground");
    }

    /// <summary>
    /// While the page plays (not only once paused), the pictures follow the training: both racers' boundaries, the drawn
    /// network's neuron maps and the loss chart change, though they are redrawn at a bounded rate rather than every epoch.
    /// </summary>
    [Test]
    public async Task Race_WhilePlaying_RedrawsTheBoundariesNeuronMapsAndLossChart()
    {
        await OpenAsync();
        await Page.Locator("#race").CheckAsync();
        const string pictures = "() => [document.querySelector('#heatmap').getAttribute('src'), document.querySelector('#race-heatmap').getAttribute('src'), " +
            "[...document.querySelectorAll('#network image.neuron')].map(image => image.getAttribute('href')).join(), " +
            "document.querySelector('#loss-chart polyline.curve').getAttribute('points')]";

        await Page.Locator("#play").ClickAsync();
        await WaitForNumberAsync("#epoch", "x >= 2", TimeSpan.FromSeconds(30));
        await Page.EvaluateAsync($"() => {{ window.earlyPictures = ({pictures})(); }}");
        int earlyEpoch = (int)await NumberAsync("#epoch");
        await WaitForNumberAsync("#epoch", $"x >= {earlyEpoch + 20}", TimeSpan.FromSeconds(60));
        await Expect(Page.Locator("#play")).ToHaveAttributeAsync("aria-pressed", "true");
        await WaitUntilAsync(
            $"({pictures})().every((picture, i) => picture !== window.earlyPictures[i])", TimeSpan.FromSeconds(10),
            async () => $"at epoch {await Page.Locator("#epoch").TextContentAsync()}, unchanged since epoch {earlyEpoch} (boundary, race boundary, neuron maps, loss curve): " +
                string.Join(", ", await Page.EvaluateAsync<bool[]>($"() => ({pictures})().map((picture, i) => picture === window.earlyPictures[i])")));
        await Expect(Page.Locator("#play")).ToHaveAttributeAsync("aria-pressed", "true");
        await Page.Locator("#play").ClickAsync();
    }

    /// <summary>
    /// With "Race two optimizers" checked, playing trains both runs: the loss chart has train and test curves for the first
    /// and the second run, each drawn through more than one point, and the second run's losses and boundary are shown.
    /// </summary>
    [Test]
    public async Task Race_Played_DrawsTrainAndTestCurvesForBothRuns()
    {
        await OpenAsync();
        await Page.Locator("#race").CheckAsync();
        await Page.Locator("#race-optimizer").SelectOptionAsync("Adam");

        await Page.Locator("#play").ClickAsync();
        await WaitForNumberAsync("#epoch", "x >= 5", TimeSpan.FromSeconds(30));
        await Page.Locator("#play").ClickAsync();
        await Expect(Page.Locator("#play")).ToHaveAttributeAsync("aria-pressed", "false");

        foreach (var run in new[] { "first", "second" })
        {
            var curves = await Page.Locator($"#loss-chart polyline.curve[data-run='{run}']").EvaluateAllAsync<string[]>(
                "curves => curves.map(c => c.dataset.set + ': ' + c.getAttribute('points').trim().split(/\\s+/).length)");
            Assert.That(curves.Select(curve => curve.Split(": ")[0]), Is.EquivalentTo(new[] { "train", "test" }), run);
            Assert.That(curves.Select(curve => int.Parse(curve.Split(": ")[1])), Is.All.GreaterThan(1), $"{run}: {string.Join(", ", curves)} points");
        }
        Assert.That(await NumberAsync("#race-train-loss"), Is.GreaterThan(0));
        Assert.That(await NumberAsync("#race-test-loss"), Is.GreaterThan(0));
        await Expect(Page.Locator("#race-heatmap")).ToBeVisibleAsync();
        Assert.That(await Page.Locator("#race-heatmap").GetAttributeAsync("src"), Is.Not.EqualTo(await Page.Locator("#heatmap").GetAttributeAsync("src")),
            "the two networks' boundaries, side by side, after training with different optimizers");
        await ScreenshotAsync("race");
    }

    /// <summary>
    /// A width typed above the maximum is used as the maximum, and the box shows it, even when the layer already had the
    /// maximum (the case where the page's value does not change, so only the typed text could stay behind).
    /// </summary>
    [Test]
    public async Task WidthTypedAboveTheMaximum_ShowsTheMaximumInTheBox()
    {
        await OpenAsync();
        var width = Page.Locator("#width-0");
        await width.FillAsync("8");
        await width.PressAsync("Tab");
        await Expect(Page.Locator("#classifier")).ToContainTextAsync("2 inputs → 8 neurons");

        await width.FillAsync("12");
        await width.PressAsync("Tab");

        await Expect(width).ToHaveValueAsync("8");
        await Expect(Page.Locator("#classifier")).ToContainTextAsync("2 inputs → 8 neurons → 4 neurons");
    }
}
