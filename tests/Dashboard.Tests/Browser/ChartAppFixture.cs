using System.Globalization;
using System.Text.Json;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Browser;

/// <summary>One published app for the chart browser tests, with a dashboard of every chart type over data a fake
/// upstream serves: three latency percentiles over the last hour (a 3-minute gap, one missing value), twelve series,
/// categories with a negative one and long names, a gauge value and a table. Values are fetched once before any test,
/// so pages render in one pass.</summary>
public sealed class ChartAppFixture : IAsyncLifetime
{
    private FakeUpstream? upstream;

    public PublishedApp App { get; private set; } = default!;

    public const string Slug = "charts";

    public async ValueTask InitializeAsync()
    {
        if (BrowserFixture.SkipReason is not null)
        {
            return;
        }

        upstream = await FakeUpstream.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var last = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        upstream.SetBody("latency", JsonSerializer.Serialize(Enumerable.Range(0, 60)
            .Where(i => i is < 20 or > 22)
            .Select(i => new Dictionary<string, object?>
            {
                ["time"] = last.AddMinutes(i - 59).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["p50"] = Math.Round(60 + 15 * Math.Sin(i / 6.0), 1),
                ["p95"] = Math.Round(130 + 45 * Math.Sin(i / 6.0), 1),
                ["p99"] = i == 40 ? null : Math.Round(210 + 80 * Math.Sin(i / 5.0), 1),
            })));
        upstream.SetBody("many", JsonSerializer.Serialize(Enumerable.Range(0, 30).Select(i =>
        {
            var row = new Dictionary<string, object> { ["time"] = last.AddMinutes(2 * (i - 29)).ToUnixTimeMilliseconds() };
            for (var s = 0; s < 12; s++)
            {
                row[$"host-{s + 1:00}"] = Math.Round(1e6 * (s + 1) * (1 + 0.3 * Math.Sin((i + 3 * s) / 4.0)));
            }

            return row;
        })));
        upstream.SetBody("kinds", """
            [ { "x": "order", "y": 104524.08 }, { "x": "refund", "y": -8650.95 }, { "x": "subscription renewal (annual plan)", "y": 45210.5 },
              { "x": "support", "y": 1200 }, { "x": "gift card", "y": 830.2 } ]
            """);
        upstream.SetBody("plans", """
            [ { "x": "enterprise-annual", "y": 412 }, { "x": "enterprise-monthly", "y": 388 }, { "x": "team-annual", "y": 295 },
              { "x": "team-monthly", "y": 260 }, { "x": "starter", "y": 190 }, { "x": "free-trial", "y": 150 },
              { "x": "education", "y": 95 }, { "x": "nonprofit", "y": 60 }, { "x": "legacy", "y": 12 } ]
            """);
        upstream.SetValue("success", 97.3);
        upstream.SetBody("orders", """
            [ { "id": 9362, "customer": "Initech", "total": 143.82, "at": "2026-01-01T11:58:00Z" },
              { "id": 9363, "customer": "Umbrella", "total": 63.03, "at": "2026-01-01T11:50:00Z" },
              { "id": 9364, "customer": "Hooli", "total": 190.32, "at": "2026-01-01T11:40:00Z" } ]
            """);

        App = await PublishedApp.StartAsync(Config(upstream));
        using var client = new HttpClient { Timeout = BrowserFixture.Timeout };
        // The first view fetches every source while it streams; from then on pages render in one pass.
        await client.GetStringAsync(new Uri(App.Address, $"/d/{Slug}"));
    }

    private static string Config(FakeUpstream upstream)
    {
        string Source(string name, string shape, string? path = null) =>
            $$"""
            "{{name}}": { "Kind": "http", "Shape": "{{shape}}", "Http": { "Url": "{{upstream.Url(name)}}"{{(path is null ? "" : $", \"Path\": \"{path}\"")}} },
                          "RenderDeadline": "00:00:20", "FetchTimeout": "00:00:25", "MaxAge": "00:30:00" }
            """;
        return $$"""
            {
              "Sources": {
                {{Source("latency", "Table")}}, {{Source("many", "Table")}}, {{Source("kinds", "Series")}},
                {{Source("plans", "Series")}}, {{Source("success", "Scalar", "value")}}, {{Source("orders", "Table")}}
              },
              "Dashboards": [ { "Slug": "{{Slug}}", "Title": "Charts", "Columns": 4, "Panels": [
                { "Id": "latency", "Type": "timeseries", "Title": "API latency", "Source": "latency", "Width": 2, "Height": 2, "Unit": "ms", "Format": "N0",
                  "Thresholds": [ { "Value": 0, "Level": "ok" }, { "Value": 200, "Level": "warn", "Label": "Slow" }, { "Value": 300, "Level": "critical" } ] },
                { "Id": "kinds", "Type": "bar", "Title": "Revenue by kind", "Source": "kinds", "Width": 2, "Format": "currency:EUR", "TopN": 4 },
                { "Id": "gauge", "Type": "gauge", "Title": "Payment success", "Source": "success", "Unit": "%", "Min": 90, "Max": 100,
                  "Thresholds": [ { "Value": 0, "Level": "critical" }, { "Value": 96, "Level": "warn", "Label": "Degraded" }, { "Value": 98, "Level": "ok" } ] },
                { "Id": "plans", "Type": "bar", "Title": "Customers by plan", "Source": "plans", "Orientation": "vertical" },
                { "Id": "area", "Type": "timeseries", "Title": "Latency (area, 1 column)", "Source": "latency", "ChartStyle": "area", "ThresholdStyle": "bands", "Unit": "ms",
                  "Thresholds": [ { "Value": 0, "Level": "ok" }, { "Value": 200, "Level": "warn" } ] },
                { "Id": "orders", "Type": "table", "Title": "Orders", "Source": "orders", "Width": 2,
                  "Columns": [ { "Name": "total", "Title": "Total", "Format": "currency:EUR", "Thresholds": [ { "Value": 150, "Level": "warn", "Label": "Large" } ] },
                               { "Name": "at", "Title": "When", "Format": "datetime:MMM d HH:mm" } ] },
                { "Id": "many", "Type": "timeseries", "Title": "Memory by host (12 series, full width: its time labels thin out on a phone)", "Source": "many", "Width": 4, "Height": 2, "Format": "bytes" }
              ] } ]
            }
            """;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (upstream is not null)
        {
            await upstream.DisposeAsync();
        }
    }
}
