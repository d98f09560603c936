using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>Playwright and one headless Chromium, launched once for all browser tests and closed at the end.
/// Each test takes its own context (<see cref="NewPageAsync"/>), so cookies and storage never leak between tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Every wait in the browser tests is bounded by this. Generous: Chromium shares 2 cores with the rest
    /// of the suite running in parallel, and a page load that takes 10 s there is slow, not broken.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string NotInstalledMessage =
        $"Chromium is not installed at {ChromiumPath}; install Debian's chromium (scripts/ensure-test-services.sh does) to run the browser tests.";

    private IPlaywright? playwright;
    private IBrowser? chromium;
    private Exception? launchFailure;

    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    /// <summary>Why browser tests are skipped, or null when they run (Chromium present, or CI=true).</summary>
    public static string? SkipReason =>
        !ChromiumInstalled && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? NotInstalledMessage
            : null;

    public async ValueTask InitializeAsync()
    {
        // Skipped tests never ask for the browser; under CI=true the tests fail on the recorded reason.
        if (SkipReason is not null)
        {
            return;
        }

        if (!ChromiumInstalled)
        {
            launchFailure = new FileNotFoundException($"CI=true, so browser tests are not skipped, but {NotInstalledMessage}");
            return;
        }

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        try
        {
            playwright = await Playwright.CreateAsync();
            chromium = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Timeout = 30_000,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                    // The tests only talk to 127.0.0.1 (also as localhost, as README.md's URLs do): no host name resolves
                    // to anything else.
                    "--host-resolver-rules=MAP localhost 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                ],
            });

            // Pay for the first renderer process here, under the launch's bound, not in the first test's waits.
            await using var warmUp = await NewPageAsync();
            await warmUp.Page.SetContentAsync("<p>ready</p>", new() { Timeout = 30_000 });
        }
        catch (Exception ex)
        {
            launchFailure = ex;
        }
    }

    /// <summary>A fresh context and page, with every wait bounded and console errors recorded.</summary>
    public async Task<BrowserPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        if (chromium is null || launchFailure is not null)
        {
            throw new InvalidOperationException(
                $"Chromium could not be started from {ChromiumPath}: {launchFailure?.Message}", launchFailure);
        }

        options ??= new();
        options.ViewportSize ??= new() { Width = 1280, Height = 900 };
        var context = await chromium.NewContextAsync(options);
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async ValueTask DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.CloseAsync().WaitAsync(Timeout);
        }

        playwright?.Dispose();
    }
}

/// <summary>One test's page and its own browser context; records console errors and uncaught page errors.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> errors = [];

    internal BrowserPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // The app has no favicon; Chromium's automatic request for it is not the page's doing.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                Record($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
    }

    public IPage Page { get; }

    private const string ReloadMarker = "window.__dashboardTestMarker";

    /// <summary>Marks the window: a full page load loses the mark, an enhanced navigation or refresh keeps it.</summary>
    public Task MarkWindowAsync() => Page.EvaluateAsync($"() => {{ {ReloadMarker} = 'kept'; }}");

    /// <summary>Fails when the page was loaded anew since <see cref="MarkWindowAsync"/>.</summary>
    public async Task AssertNotReloadedAsync() =>
        Assert.Equal("kept", await Page.EvaluateAsync<string?>($"() => {ReloadMarker} ?? null"));

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (errors)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>Fails with every recorded error in full.</summary>
    public void AssertNoErrors()
    {
        var recorded = Errors;
        Assert.True(recorded.Count == 0, "Browser errors:\n" + string.Join("\n", recorded));
    }

    private void Record(string error)
    {
        lock (errors)
        {
            errors.Add(error);
        }
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync().WaitAsync(BrowserFixture.Timeout);
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
