// The playground's training speed: the default run (XOR, 2-4-4-1 tanh, batch 10, momentum) trained for STEPS optimizer
// steps, timed in headless Chromium through the published site's ?benchmark=STEPS hook, and on the desktop by calling the
// same model code directly; each REPEATS times (a fresh page, or a fresh run, each time), the median printed. Also the
// download size of the published site: the files the page fetched, as served uncompressed and as their Brotli (.br) copies,
// which a static host that serves precompressed files would send instead.
// Usage: run.sh [STEPS=2000] [REPEATS=3]
//        run.sh play [SECONDS=8] [REPEATS=3] [BEFORE=checkouts of other commits...]: epochs per second and frame times while
//        playing (see PlaySpeed.cs)
using System.Diagnostics;
using System.Runtime.InteropServices;
using MiniNet.Playground.Tests.Browser;
using Playground.Model;

if (args.Length > 0 && args[0] == "play")
    return await PlaySpeed.RunAsync(args[1..]);
int steps = args.Length > 0 ? int.Parse(args[0]) : 2000;
int repeats = args.Length > 1 ? int.Parse(args[1]) : 3;
if (Chromium.ExecutablePath is null)
{
    Console.Error.WriteLine(Chromium.Missing);
    return 1;
}

using var site = PublishedSite.Publish(precompress: true);
Console.WriteLine($"published the playground (Release, with .br copies) in {site.PublishTime.TotalSeconds:F0} s");
var (playwright, browser) = await Chromium.LaunchAsync();
var browserRuns = new List<BenchmarkReadout>();
var fetched = new HashSet<string>();
for (int repeat = 0; repeat < repeats; repeat++)
{
    await using var context = await browser.NewContextAsync();
    var page = await context.NewPageAsync();
    page.RequestFinished += (_, request) => fetched.Add(new Uri(request.Url).AbsolutePath);
    await page.GotoAsync(new Uri(site.Url, $"/?benchmark={steps}").ToString());
    var readout = page.Locator("#benchmark");
    await readout.WaitForAsync(new() { Timeout = 120_000 });
    var text = await readout.TextContentAsync() ?? "";
    browserRuns.Add(BenchmarkReadout.Parse(text) ?? throw new InvalidOperationException($"#benchmark shows '{text}'"));
}
string chromiumVersion = browser.Version;
await browser.CloseAsync();
playwright.Dispose();

// The desktop runs after one uncounted run (the csproj turns tiered compilation off, so code is optimised from the start);
// each browser run starts a fresh page, which is what a visitor gets.
var desktopRuns = new List<(int Steps, double Milliseconds)>();
for (int repeat = -1; repeat < repeats; repeat++)
{
    var run = new PlaygroundRun(new PlaygroundSettings());
    var clock = Stopwatch.StartNew();
    while (run.StepCount < steps) run.TrainEpoch();
    if (repeat >= 0) desktopRuns.Add((run.StepCount, clock.Elapsed.TotalMilliseconds));
}

double browserMs = Median(browserRuns.Select(r => (double)r.Milliseconds));
double desktopMs = Median(desktopRuns.Select(r => r.Milliseconds));
Console.WriteLine($"{browserRuns[0].Steps} optimizer steps of the default run, median of {repeats}:");
Console.WriteLine($"  browser  {browserMs,8:F0} ms  {browserRuns[0].Steps / browserMs * 1000,7:F0} steps/s  " +
    $"headless Chromium {chromiumVersion}, Blazor WebAssembly (runs: {string.Join(", ", browserRuns.Select(r => r.Milliseconds))} ms)");
Console.WriteLine($"  desktop  {desktopMs,8:F0} ms  {desktopRuns[0].Steps / desktopMs * 1000,7:F0} steps/s  " +
    $"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}, Release " +
    $"(runs: {string.Join(", ", desktopRuns.Select(r => r.Milliseconds.ToString("F0")))} ms)");
Console.WriteLine($"  the browser takes {browserMs / desktopMs:F1}× the desktop's time");

var files = fetched.Select(path => Path.Combine(site.Root, path == "/" ? "index.html" : Uri.UnescapeDataString(path.TrimStart('/'))))
    .Where(File.Exists).ToList();
long plain = files.Sum(file => new FileInfo(file).Length);
long brotli = files.Sum(file => new FileInfo(File.Exists(file + ".br") ? file + ".br" : file).Length);
int withoutBrotli = files.Count(file => !File.Exists(file + ".br"));
Console.WriteLine($"download: the {files.Count} files the page fetched, {plain / 1024.0 / 1024:F2} MiB uncompressed, " +
    $"{brotli / 1024.0 / 1024:F2} MiB as their .br copies ({withoutBrotli} without a .br copy, counted uncompressed)");
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
