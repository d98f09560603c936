using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>What the live-update browser tests share: the app's count of live viewers, and a tab whose visibility
/// the test sets (headless pages are always visible).</summary>
internal static class LiveViewers
{
    public static async Task<long> ConnectionsAsync(PublishedApp app)
    {
        using var client = new HttpClient { Timeout = BrowserFixture.Timeout };
        var metrics = await client.GetStringAsync(new Uri(app.Address, "/metrics"));
        // OpenTelemetry's exporter writes a series without labels as "name{} value".
        var line = metrics.Split('\n').Single(l => l.StartsWith("dashboard_live_connections", StringComparison.Ordinal) && !l.StartsWith("dashboard_live_connections_", StringComparison.Ordinal));
        return long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    public static Task ExpectConnectionsAsync(PublishedApp app, long expected) =>
        BrowserWait.UntilAsync(async () => await ConnectionsAsync(app) == expected, $"{expected} live connection(s)");

    /// <summary>Before the page loads: its visibility follows <see cref="SetHiddenAsync"/>.</summary>
    public static Task MakeHideableAsync(IPage page) => page.AddInitScriptAsync("""
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => window.__hidden ? 'hidden' : 'visible' });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => !!window.__hidden });
        """);

    public static Task SetHiddenAsync(IPage page, bool hidden) =>
        page.EvaluateAsync("h => { window.__hidden = h; document.dispatchEvent(new Event('visibilitychange')); }", hidden);
}
