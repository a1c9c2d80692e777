using System.Globalization;
using Microsoft.Playwright;
using MiniNet.Playground.Tests.Browser;

/// <summary>
/// Epochs per second while the page plays, as a class sees it: a fresh page at a projector's 1024 × 768, Play pressed, the
/// epoch readout read after a warm-up and again SECONDS later. Two ways: one run (the default, XOR on 2-4-4-1 tanh with
/// momentum SGD) and a race (the same run against Adam, the race's default opponent); #epoch counts each racer's epochs.
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
            for (int repeat = 0; repeat < repeats; repeat++)
                foreach (bool race in new[] { false, true })
                    foreach (var (name, site) in sites)
                    {
                        double rate = await EpochsPerSecondAsync(browser, site, race, seconds);
                        (results.TryGetValue((name, race), out var list) ? list : results[(name, race)] = []).Add(rate);
                        Console.WriteLine(FormattableString.Invariant($"{name,-6} {(race ? "race" : "single"),-6} {rate:F1} epochs/s"));
                    }
            Console.WriteLine($"headless Chromium {browser.Version}, {seconds:F0} s per measure, median of {repeats}:");
            foreach (var (name, _) in sites)
            {
                double single = Median(results[(name, false)]), racing = Median(results[(name, true)]);
                Console.WriteLine(FormattableString.Invariant(
                    $"  {name,-6} one run {single:F1} epochs/s; race {racing:F1} epochs/s per racer ({racing / single:P0} of one run), {2 * racing:F1} for both"));
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

    private static async Task<double> EpochsPerSecondAsync(IBrowser browser, PublishedSite site, bool race, double seconds)
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url.ToString());
        await page.Locator("h1").WaitForAsync(new() { Timeout = 120_000 });
        if (race) await page.Locator("#race").CheckAsync();
        await page.Locator("#play").ClickAsync();
        await Task.Delay(WarmUp);
        var (firstEpoch, firstTime) = await ReadAsync(page);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var (lastEpoch, lastTime) = await ReadAsync(page);
        await page.Locator("#play").ClickAsync();
        return (lastEpoch - firstEpoch) / ((lastTime - firstTime) / 1000);
    }

    // The epoch readout and the page's clock, read together in the page.
    private static async Task<(int Epoch, double Milliseconds)> ReadAsync(IPage page)
    {
        var reading = await page.EvaluateAsync<double[]>("() => [parseInt(document.querySelector('#epoch').textContent), performance.now()]");
        return ((int)reading[0], reading[1]);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
