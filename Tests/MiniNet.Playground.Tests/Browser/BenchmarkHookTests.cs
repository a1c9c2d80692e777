using System.Text.RegularExpressions;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>The <c>?benchmark=N</c> hook the browser benchmark (Tests/MiniNet.Benchmarks/PlaygroundSpeed) reads.</summary>
public sealed class BenchmarkHookTests : PlaygroundPageTest
{
    /// <summary>The page times N steps and writes the line the benchmark parses; this checks the format, never the speed.</summary>
    [Test]
    public async Task BenchmarkQuery_ShowsTheTimedSteps()
    {
        await OpenAsync("?benchmark=100");

        await Expect(Page.Locator("#benchmark")).ToHaveTextAsync(
            new Regex(@"^\s*benchmark: 100 steps in \d+ ms, \d+ steps/s\s*$"), new() { Timeout = 60_000 });
    }
}
