using Microsoft.Playwright;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>
/// The system's Chromium, which Playwright drives through <see cref="BrowserTypeLaunchOptions.ExecutablePath"/> (no browser is
/// ever downloaded). Looked up in this order: the environment variable <c>MININET_CHROMIUM</c> when it is set (and then
/// nothing else), <c>/usr/bin/chromium</c> (Debian's package), <c>chromium-browser</c> on the PATH.
/// Free of test-framework types, so the browser benchmark links this file too.
/// </summary>
public static class Chromium
{
    /// <summary>The environment variable that names a Chromium executable, overriding the search.</summary>
    public const string Variable = "MININET_CHROMIUM";

    private const string InstallHint =
        "sudo apt-get install chromium (Debian/Ubuntu); or set " + Variable + " to a Chromium executable";

    /// <summary>
    /// The switches every launch uses: no sandbox (containers, root), no GPU (headless machines), and none of Chromium's own
    /// background traffic (updates, sync, QUIC probes), which on a closed network only fills the log with refused connections.
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The Chromium executable to launch, or null when there is none (see <see cref="Missing"/>).</summary>
    public static string? ExecutablePath { get; } = Find();

    /// <summary>Why <see cref="ExecutablePath"/> is null and how to fix it; empty when a Chromium was found.</summary>
    public static string Missing
    {
        get
        {
            if (ExecutablePath is not null)
                return "";
            var named = Environment.GetEnvironmentVariable(Variable);
            return string.IsNullOrEmpty(named)
                ? $"Chromium is not installed: {InstallHint}"
                : $"{Variable} is {named}, which is not a file: {InstallHint}";
        }
    }

    /// <summary>Starts Playwright's driver and a headless <see cref="ExecutablePath"/> with <see cref="Arguments"/>.</summary>
    /// <exception cref="InvalidOperationException">No Chromium was found; the message is <see cref="Missing"/>.</exception>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (ExecutablePath is null)
            throw new InvalidOperationException(Missing);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    private static string? Find()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(named))
            return File.Exists(named) ? named : null;
        if (File.Exists("/usr/bin/chromium"))
            return "/usr/bin/chromium";
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "chromium-browser"))
            .FirstOrDefault(File.Exists);
    }
}
