using System.Globalization;
using Microsoft.Playwright;
using NUnit.Framework.Interfaces;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>
/// A browser test of the playground: each test gets a fresh page (its own browser context, so nothing is cached or shared
/// between tests) in <see cref="BrowserSession.Browser"/>, 1400 × 900 CSS pixels. Every console error and uncaught page
/// error is collected; a test that passes its own assertions still fails when the page logged one.
/// </summary>
public abstract class PlaygroundPageTest
{
    /// <summary>The folder, under NUnit's work directory, that receives the screenshots (also attached to the test).</summary>
    private static string ScreenshotFolder => Path.Combine(TestContext.CurrentContext.WorkDirectory, "playground-screenshots");

    private readonly List<string> _errors = [];
    private IBrowserContext? _context;

    /// <summary>This test's page; blank until <see cref="OpenAsync"/>.</summary>
    protected IPage Page { get; private set; } = null!;

    /// <summary>The console errors and page errors so far, in order.</summary>
    protected IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors) return [.. _errors];
        }
    }

    /// <summary>Opens a fresh context and page and starts collecting its errors.</summary>
    [SetUp]
    public async Task NewPageAsync()
    {
        lock (_errors) _errors.Clear();
        _context = await BrowserSession.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
                Record($"console error: {message.Text} ({message.Location})");
        };
        Page.PageError += (_, error) => Record($"page error: {error}");
    }

    /// <summary>Closes the page; fails a test that otherwise passed if the page logged an error.</summary>
    [TearDown]
    public async Task ClosePageAsync()
    {
        if (_context is not null)
            await _context.CloseAsync();
        _context = null;
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Passed)
            Assert.That(Errors, Is.Empty, "the page logged errors");
        else
            foreach (var error in Errors)
                TestContext.Out.WriteLine(error);
    }

    /// <summary>Adds an error to the list, under a lock: Playwright raises page events on its own thread.</summary>
    private void Record(string error)
    {
        lock (_errors) _errors.Add(error);
    }

    /// <summary>
    /// Opens the playground (with an optional query such as <c>?benchmark=100</c>) and waits until Blazor has started and
    /// rendered the page's title.
    /// </summary>
    protected async Task OpenAsync(string query = "")
    {
        await Page.GotoAsync(new Uri(BrowserSession.Site.Url, "/" + query).ToString());
        // Starting the .NET runtime takes a few seconds, and several times that on a busy machine.
        await Expect(Page.Locator("h1")).ToHaveTextAsync("MiniNet Playground", new() { Timeout = 60_000 });
    }

    /// <summary>Playwright's assertions on an element, which retry until they hold or, after 15 s (see <see cref="BrowserSession"/>), fail.</summary>
    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>The number an element shows (invariant culture, as the page writes numbers).</summary>
    protected async Task<double> NumberAsync(string selector)
    {
        var text = (await Page.Locator(selector).TextContentAsync() ?? "").Trim();
        Assert.That(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value), Is.True,
            $"{selector} should show a number, but shows '{text}'");
        return value;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/>, a JavaScript expression, is true in the page; on time-out fails with the
    /// description <paramref name="state"/> gives of the page at that moment.
    /// </summary>
    protected async Task WaitUntilAsync(string condition, TimeSpan timeout, Func<Task<string>> state)
    {
        try
        {
            await Page.WaitForFunctionAsync($"() => {condition}", null,
                new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"after {timeout.TotalSeconds:F0} s, still not {condition}: {await state()}");
        }
    }

    /// <summary>Waits until the element's number, parsed in the page, passes <paramref name="test"/> (a JavaScript predicate on x).</summary>
    protected Task WaitForNumberAsync(string selector, string test, TimeSpan timeout) =>
        WaitUntilAsync($"(x => {test})(parseFloat(document.querySelector('{selector}')?.textContent))", timeout,
            async () => $"{selector} shows '{await Page.Locator(selector).TextContentAsync()}'");

    /// <summary>Saves a PNG of the whole page (or, with <paramref name="fullPage"/> false, of the window as it is scrolled)
    /// as <c>playground-screenshots/NAME.png</c> and attaches it to the test.</summary>
    protected async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        TestContext.AddTestAttachment(path, name);
    }
}
