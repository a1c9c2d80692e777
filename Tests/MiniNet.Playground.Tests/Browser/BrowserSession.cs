using System.Diagnostics;
using Microsoft.Playwright;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>
/// What every browser test shares, set up once per test run: the published playground served on 127.0.0.1, and one
/// headless Chromium. Without a Chromium every test of this namespace is reported skipped, with <see cref="Chromium.Missing"/>
/// as the reason, and nothing is published.
/// </summary>
[SetUpFixture]
public sealed class BrowserSession
{
    private static PublishedSite? _site;
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private readonly Stopwatch _clock = new();

    /// <summary>The published site the tests open.</summary>
    public static PublishedSite Site => _site ?? throw new InvalidOperationException("BrowserSession has not published the site");

    /// <summary>The browser the tests open their pages in.</summary>
    public static IBrowser Browser => _browser ?? throw new InvalidOperationException("BrowserSession has not launched Chromium");

    /// <summary>Skips every browser test when Chromium is missing; otherwise publishes and serves the site and launches Chromium.</summary>
    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _clock.Start();
        if (Chromium.ExecutablePath is null)
            Assert.Ignore(Chromium.Missing);
        // The Brotli and gzip copies take half the publish time, and the static file server never sends them.
        _site = PublishedSite.Publish(precompress: false);
        TestContext.Progress.WriteLine($"BrowserSession: published the playground in {_site.PublishTime.TotalSeconds:F1} s; serving it at {_site.Url}");
        (_playwright, _browser) = await Chromium.LaunchAsync();
        // Expect(...) retries for 5 s by default, short for a page re-rendering on a machine shared with builds.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>Closes the browser, stops the server and deletes the published files.</summary>
    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_site is not null)
        {
            _site.Dispose();
            TestContext.Progress.WriteLine($"BrowserSession: {_clock.Elapsed.TotalSeconds:F1} s from publishing to closing the browser");
        }
        (_browser, _playwright, _site) = (null, null, null);
    }
}
