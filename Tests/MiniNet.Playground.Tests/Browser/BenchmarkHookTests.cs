namespace MiniNet.Playground.Tests.Browser;

/// <summary>The <c>?benchmark=N</c> hook the browser benchmark (Tests/MiniNet.Benchmarks/PlaygroundSpeed) reads.</summary>
public sealed class BenchmarkHookTests : PlaygroundPageTest
{
    /// <summary>The page times the steps asked for and writes the line the benchmark parses; this checks the format, never the speed.</summary>
    [Test]
    public async Task BenchmarkQuery_ShowsTheTimedSteps()
    {
        await OpenAsync("?benchmark=100");
        var readout = Page.Locator("#benchmark");
        await readout.WaitForAsync(new() { Timeout = 60_000 });

        var text = await readout.TextContentAsync() ?? "";

        Assert.That(BenchmarkReadout.Parse(text)?.Steps, Is.EqualTo(100), $"#benchmark shows '{text}'");
    }
}
