using System.Globalization;
using System.Text.RegularExpressions;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>
/// What the page's <c>#benchmark</c> element says after <c>/?benchmark=N</c>: <c>benchmark: 2000 steps in 812 ms, 2463 steps/s</c>
/// (integers, invariant culture). Free of test-framework types, so the browser benchmark links this file too.
/// </summary>
/// <param name="Steps">The optimizer steps timed.</param>
/// <param name="Milliseconds">Their wall-clock time in the browser.</param>
/// <param name="StepsPerSecond">Steps per second, as the page rounded it.</param>
public sealed partial record BenchmarkReadout(int Steps, int Milliseconds, int StepsPerSecond)
{
    /// <summary>Reads the element's text; null when it is not in that form.</summary>
    public static BenchmarkReadout? Parse(string text)
    {
        var match = Line().Match(text.Trim());
        if (!match.Success)
            return null;
        int Group(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new BenchmarkReadout(Group("steps"), Group("ms"), Group("rate"));
    }

    [GeneratedRegex(@"^benchmark: (?<steps>\d+) steps in (?<ms>\d+) ms, (?<rate>\d+) steps/s$")]
    private static partial Regex Line();
}
