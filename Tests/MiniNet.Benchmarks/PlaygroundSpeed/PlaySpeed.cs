using System.Globalization;
using Microsoft.Playwright;
using MiniNet.Playground.Tests.Browser;

/// <summary>
/// Epochs per second while the page plays, as a class sees it: a fresh page at a projector's 1024 × 768, Play pressed, the
/// epoch readout read after a warm-up and again SECONDS later. Two ways: one run (the default, XOR on 2-4-4-1 tanh with
/// momentum SGD) and a race (the same run against Adam, the race's default opponent); #epoch counts each racer's epochs.
/// Over the same SECONDS, the time between one frame's epoch readout and the next (a frame trains an epoch, draws when
/// the pictures are due, renders and yields to the browser), as a class sees it stutter: its median and 95th percentile
/// over the frames of all repeats.
/// With BEFORE (absolute paths to one or more checkouts of other commits, e.g. from <c>git archive</c>; run.sh changes into
/// its own folder first; with more than one, each is named by its folder), those checkouts' playgrounds are published too
/// and each repeat measures them and this one back to back, so all see the same load on a shared machine.
/// </summary>
internal static class PlaySpeed
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        string[] before = [.. args.Skip(2).Select(Path.GetFullPath)];
        if (Chromium.ExecutablePath is null)
        {
            Console.Error.WriteLine(Chromium.Missing);
            return 1;
        }
        var sites = new List<(string Name, PublishedSite Site)>();
        try
        {
            foreach (string checkout in before) sites.Add((before.Length == 1 ? "before" : Path.GetFileName(checkout), PublishedSite.Publish(precompress: false, checkout)));
            sites.Add(("after", PublishedSite.Publish(precompress: false)));
            var (playwright, browser) = await Chromium.LaunchAsync();
            var results = new Dictionary<(string Site, bool Race), List<double>>();
            var frames = new Dictionary<(string Site, bool Race), List<double>>();
            for (int repeat = 0; repeat < repeats; repeat++)
                foreach (bool race in new[] { false, true })
                    foreach (var (name, site) in sites)
                    {
                        var (rate, frameTimes) = await PlayAsync(browser, site, race, seconds);
                        (results.TryGetValue((name, race), out var list) ? list : results[(name, race)] = []).Add(rate);
                        (frames.TryGetValue((name, race), out var all) ? all : frames[(name, race)] = []).AddRange(frameTimes);
                        Console.WriteLine(FormattableString.Invariant(
                            $"{name,-6} {(race ? "race" : "single"),-6} {rate:F1} epochs/s; frames {Percentile(frameTimes, 0.5):F1} ms median, {Percentile(frameTimes, 0.95):F1} ms 95th percentile ({frameTimes.Count} frames)"));
                    }
            Console.WriteLine($"headless Chromium {browser.Version}, {seconds:F0} s per measure, median of {repeats}; frame times over all repeats' frames:");
            foreach (var (name, _) in sites)
            {
                double single = Median(results[(name, false)]), racing = Median(results[(name, true)]);
                Console.WriteLine(FormattableString.Invariant(
                    $"  {name,-6} one run {single:F1} epochs/s; race {racing:F1} epochs/s per racer ({racing / single:P0} of one run), {2 * racing:F1} for both"));
                foreach (bool race in new[] { false, true })
                {
                    var times = frames[(name, race)];
                    Console.WriteLine(FormattableString.Invariant(
                        $"  {name,-6} {(race ? "race" : "one run"),-7} frame {Percentile(times, 0.5):F1} ms median, {Percentile(times, 0.95):F1} ms 95th percentile ({times.Count} frames)"));
                }
            }
            await browser.CloseAsync();
            playwright.Dispose();
            return 0;
        }
        finally
        {
            foreach (var (_, site) in sites) site.Dispose();
        }
    }

    // Epochs per second over SECONDS of play after the warm-up, and the times between the epoch readout's updates meanwhile.
    private static async Task<(double EpochsPerSecond, List<double> FrameTimes)> PlayAsync(IBrowser browser, PublishedSite site, bool race, double seconds)
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url.ToString());
        await page.Locator("h1").WaitForAsync(new() { Timeout = 120_000 });
        if (race) await page.Locator("#race").CheckAsync();
        await page.Locator("#play").ClickAsync();
        await Task.Delay(WarmUp);
        var (firstEpoch, firstTime) = await ReadAsync(page);
        await page.EvaluateAsync(FrameRecorder);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var (lastEpoch, lastTime) = await ReadAsync(page);
        double[] updates = await page.EvaluateAsync<double[]>("() => window.playSpeedFrames");
        await page.Locator("#play").ClickAsync();
        return ((lastEpoch - firstEpoch) / ((lastTime - firstTime) / 1000), [.. updates.Zip(updates.Skip(1), (earlier, later) => later - earlier)]);
    }

    // Notes the page's clock each time the epoch readout changes (once per frame: Blazor renders a frame's changes together).
    private const string FrameRecorder = """
        () => {
            window.playSpeedFrames = [];
            new MutationObserver(() => window.playSpeedFrames.push(performance.now()))
                .observe(document.querySelector('#epoch'), { childList: true, characterData: true, subtree: true });
        }
        """;

    // The epoch readout and the page's clock, read together in the page.
    private static async Task<(int Epoch, double Milliseconds)> ReadAsync(IPage page)
    {
        var reading = await page.EvaluateAsync<double[]>("() => [parseInt(document.querySelector('#epoch').textContent), performance.now()]");
        return ((int)reading[0], reading[1]);
    }

    // The nearest-rank percentile (0.5 for the median) of the values.
    private static double Percentile(List<double> values, double fraction)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
