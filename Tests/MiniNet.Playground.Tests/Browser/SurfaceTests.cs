namespace MiniNet.Playground.Tests.Browser;

/// <summary>The momentum surfaces: every optimizer descends the same loss surface from the same start.</summary>
public sealed class SurfaceTests : PlaygroundPageTest
{
    /// <summary>Playing draws one path per optimizer, each through more than one point, and the table has a row per optimizer.</summary>
    [Test]
    public async Task SurfacePlay_DrawsAPathPerOptimizer_AndTabulatesThem()
    {
        await OpenAsync();

        await Page.Locator("#surface-play").ClickAsync();

        var paths = Page.Locator("#surface-plot polyline.optimizer-path");
        await Expect(paths).ToHaveCountAsync(5);
        await WaitUntilAsync(
            "[...document.querySelectorAll('#surface-plot polyline.optimizer-path')]" +
            ".every(p => p.getAttribute('points').trim().split(/\\s+/).length > 1)",
            TimeSpan.FromSeconds(30),
            async () => string.Join("; ", await paths.EvaluateAllAsync<string[]>(
                "ps => ps.map(p => p.dataset.optimizer + ': ' + p.getAttribute('points'))")));
        var optimizers = await paths.EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.optimizer)");
        Assert.That(optimizers, Is.EquivalentTo(new[] { "Sgd", "MomentumPyTorch", "MomentumKeras", "Nesterov", "Adam" }));
        await Expect(Page.Locator("#surface-table tr:has(td)")).ToHaveCountAsync(5);
        await ScreenshotAsync("surfaces");
    }
}
