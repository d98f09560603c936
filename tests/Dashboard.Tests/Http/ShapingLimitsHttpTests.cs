using System.Net;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Http;

/// <summary>A hostile or mistaken upstream within the response size cap, seen on the dashboard: too many columns or
/// series points fail the panel with the reason, too many rows are cut with a note saying how many there were, and long
/// cells end in an ellipsis (<c>Dashboard:Shaping</c>, defaults 50 columns, 1000 rows, 500 characters, 10000 points).</summary>
public sealed class ShapingLimitsHttpTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Json_tables_series_and_cells_are_held_to_the_shaping_limits_on_the_page()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        // 350,000 distinct keys in one object: ~3.5 MB, inside the 4 MiB response cap.
        upstream.SetBody("wide", "[{" + string.Join(",", Enumerable.Range(0, 350_000).Select(i => $"\"{i:x}\":0")) + "}]");
        upstream.SetBody("long", "[" + string.Join(",", Enumerable.Range(1, 1500).Select(i => $"{{\"n\":{i}}}")) + "]");
        upstream.SetBody("points", "[" + string.Join(",", Enumerable.Range(0, 20_000)) + "]");
        upstream.SetBody("cells", $$"""[{"text":"{{new string('x', 5000)}}"}]""");
        await using var app = new DashboardAppFactory(
            $$"""
            {
              "Http": { "MaxTableRows": 5000 },
              "Sources": {
                "wide": {{Source(upstream.Url("wide"), "Table")}},
                "long": {{Source(upstream.Url("long"), "Table")}},
                "points": {{Source(upstream.Url("points"), "Series")}},
                "cells": {{Source(upstream.Url("cells"), "Table")}}
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
                {{Panel("wide", "table")}}, {{Panel("long", "table")}}, {{Panel("points", "list")}}, {{Panel("cells", "table")}} ] } ]
            }
            """);
        using var client = app.CreateClient();
        client.Timeout = Bound;

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "wide"));
        Assert.Contains("<span class=\"reason\">response too wide: 350000 columns (limit 50)</span>", PanelMarkup.FinalHtml(page, "wide"), StringComparison.Ordinal);

        var longTable = PanelMarkup.FinalHtml(page, "long");
        Assert.Equal("fresh", PanelMarkup.FinalState(page, "long"));
        Assert.Equal(1000, CountOf(longTable, "<tr>") - 1); // Shaping:MaxRows wins over the larger Http:MaxTableRows.
        Assert.Contains("<p class=\"note\">Showing the first 1000 of 1500 rows.</p>", longTable, StringComparison.Ordinal);

        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "points"));
        Assert.Contains("response too long: 20000 series points (limit 10000); aggregate upstream", PanelMarkup.FinalHtml(page, "points"), StringComparison.Ordinal);

        Assert.Equal("fresh", PanelMarkup.FinalState(page, "cells"));
        Assert.Contains($"<td>{new string('x', 499)}…</td>", WebUtility.HtmlDecode(PanelMarkup.FinalHtml(page, "cells")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sql_table_wider_than_the_limit_fails_with_the_reason_and_long_cells_are_cut()
    {
        var columns = string.Join(", ", Enumerable.Range(1, 60).Select(i => $"{i} AS c{i}"));
        await using var app = new DashboardAppFactory(
            $$"""
            {
              "Shaping": { "MaxCellChars": 40 },
              "Connections": { "mem": { "Provider": "sqlite", "ConnectionString": "Data Source=:memory:" } },
              "Sources": {
                "wide": { "Kind": "sql", "Shape": "Table", "Sql": { "Connection": "mem", "Query": "SELECT {{columns}}" }, "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10" },
                "cells": { "Kind": "sql", "Shape": "Table", "Sql": { "Connection": "mem", "Query": "SELECT replace(hex(zeroblob(50)), '0', 'y') AS text" }, "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10" }
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ {{Panel("wide", "table")}}, {{Panel("cells", "table")}} ] } ]
            }
            """);
        using var client = app.CreateClient();
        client.Timeout = Bound;

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("unavailable", PanelMarkup.FinalState(page, "wide"));
        Assert.Contains("<span class=\"reason\">query result too wide: 60 columns (limit 50)</span>", PanelMarkup.FinalHtml(page, "wide"), StringComparison.Ordinal);
        Assert.Contains($"<td>{new string('y', 39)}…</td>", WebUtility.HtmlDecode(PanelMarkup.FinalHtml(page, "cells")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shaping_limits_out_of_range_stop_start_up_with_every_key_named()
    {
        await using var app = new DashboardAppFactory("""
            {
              "Shaping": { "MaxColumns": 0, "MaxRows": 0, "MaxCellChars": 5, "MaxSeriesPoints": 0 },
              "Http": { "Proxy": "socks5://proxy.test:1080", "RawPreviewChars": -1 },
              "Sources": {}, "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [] } ]
            }
            """);

        var thrown = Record.Exception(() => app.CreateClient());

        var failures = new List<string>();
        for (var e = thrown; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
            {
                failures.AddRange(validation.Failures);
            }
            else if (e is AggregateException aggregate)
            {
                failures.AddRange(aggregate.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures));
            }
        }

        foreach (var key in new[] { "MaxColumns", "MaxRows", "MaxCellChars", "MaxSeriesPoints" })
        {
            Assert.Contains(failures, f => f.StartsWith($"Dashboard:Shaping:{key} must be between", StringComparison.Ordinal));
        }

        Assert.Contains(failures, f => f.StartsWith("Dashboard:Http:Proxy must be an http(s) URL", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Http:RawPreviewChars must be between 0 and", StringComparison.Ordinal));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Source(string url, string shape) =>
        $$"""{ "Kind": "http", "Shape": "{{shape}}", "Http": { "Url": "{{url}}" }, "RenderDeadline": "00:00:20", "FetchTimeout": "00:00:20", "Retry": { "MaxRetries": 0 } }""";

    private static string Panel(string name, string type) =>
        $$"""{ "Id": "{{name}}", "Type": "{{type}}", "Title": "{{name}}", "Source": "{{name}}", "MaxItems": 100 }""";
}
