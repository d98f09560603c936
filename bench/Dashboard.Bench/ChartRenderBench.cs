using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Dashboard.Panels;
using Dashboard.Panels.Charts;
using Dashboard.Sources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Bench;

/// <summary><c>charts</c>: what one chart panel costs the server. Renders each chart component of the app to HTML in
/// process (Blazor's HtmlRenderer, as static SSR does), many times, and reports CPU ms and wall ms per render and the
/// bytes of markup (and gzip) it adds to a page. With <c>--url</c>, also weighs a running app's page and its chart
/// panels as served.</summary>
public static class ChartRenderBench
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static async Task<int> RunAsync(Args options)
    {
        var renders = options.Int("renders", 2000);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions();
        services.AddSingleton(TimeProvider.System);
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);

        var cases = new (string Name, Type Component, PanelOptions Panel, SourceValue Value)[]
        {
            ("timeseries, 1 series × 60 points", typeof(TimeseriesPanel), Panel(PanelTypes.Timeseries), Table(1, 60)),
            ("timeseries, 3 series × 60 points (demo latency)", typeof(TimeseriesPanel), Panel(PanelTypes.Timeseries), Table(3, 60)),
            ("timeseries, 3 series × 300 points", typeof(TimeseriesPanel), Panel(PanelTypes.Timeseries), Table(3, 300)),
            ("timeseries, 12 series × 300 points", typeof(TimeseriesPanel), Panel(PanelTypes.Timeseries), Table(12, 300)),
            ("bar, 10 categories", typeof(BarPanel), Panel(PanelTypes.Bar), Categories(10)),
            ("gauge", typeof(GaugePanel), Panel(PanelTypes.Gauge), SourceValue.OfNumber(97.3)),
            ("stat (for comparison)", typeof(StatPanel), Panel(PanelTypes.Stat), SourceValue.OfNumber(97.3)),
        };

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Chart panel renders ({renders} each, after {Math.Max(50, renders / 10)} warm-up renders of every case; {Environment.ProcessorCount} cores, .NET {Environment.Version})");
        report.AppendLine();
        report.AppendLine("| panel | CPU ms / render, new data | CPU ms / render, same data | wall ms, new data | HTML bytes | gzip bytes |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        // Every case warms up first, so none is measured while the JIT is still optimising code the others share.
        foreach (var (_, component, panel, value) in cases)
        {
            for (var i = 0; i < Math.Max(50, renders / 10); i++)
            {
                await RenderAsync(renderer, component, Parameters(panel, value));
            }
        }

        foreach (var (name, component, panel, value) in cases)
        {
            var html = await RenderAsync(renderer, component, Parameters(panel, value));
            // New data (a copy of the value, as each fetch brings): everything computed. The same data again (another
            // viewer, a live refresh before the next fetch): the chart's cached geometry and table markup are reused.
            var (fresh, freshWall) = await MeasureAsync(renderers: renders, () => RenderAsync(renderer, component, Parameters(panel, value with { })));
            var (repeat, _) = await MeasureAsync(renderers: renders, () => RenderAsync(renderer, component, Parameters(panel, value)));
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {fresh:0.000} | {repeat:0.000} | {freshWall:0.000} | {Encoding.UTF8.GetByteCount(html):N0} | {Gzip(html):N0} |");
        }

        // The pure geometry of the largest common case, without the markup: how much of a render is layout.
        var (geometryPanel, geometryValue) = (Panel(PanelTypes.Timeseries), Table(3, 300));
        var context = new Dashboard.Panels.Formatting.FormatContext(TimeZoneInfo.Utc, Now);
        var format = Dashboard.Panels.Formatting.ValueFormat.For(geometryPanel.Format, null);
        var geometryCpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < renders; i++)
        {
            var data = TimeseriesData.From(geometryValue, geometryPanel);
            var g = TimeseriesLayout.Compute(data.Series, null, geometryPanel, ChartSize.For(geometryPanel, false), context);
            ChartTable.For(data.Series, g.From, g.To, format, geometryPanel.Unit, context);
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"| of which layout only (3 × 300: data, geometry, table model) | {(Process.GetCurrentProcess().TotalProcessorTime - geometryCpu).TotalMilliseconds / renders:0.000} | | | | |");

        if (options.Optional("url", "") is { Length: > 0 } url)
        {
            report.AppendLine();
            report.Append(await PageWeightAsync(new Uri(url)));
        }

        Console.Write(report.ToString());
        return 0;
    }

    /// <summary>CPU and wall milliseconds per call of <paramref name="render"/>.</summary>
    private static async Task<(double CpuMs, double WallMs)> MeasureAsync(int renderers, Func<Task<string>> render)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < renderers; i++)
        {
            await render();
        }

        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / renderers, wall.Elapsed.TotalMilliseconds / renderers);
    }

    private static Dictionary<string, object?> Parameters(PanelOptions panel, SourceValue value) => new() { ["Panel"] = panel, ["Value"] = value };

    private static Task<string> RenderAsync(HtmlRenderer renderer, Type component, Dictionary<string, object?> parameters) =>
        renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync(component, ParameterView.FromDictionary(parameters))).ToHtmlString());

    /// <summary>A served page's bytes, its chart panels' share, and the stylesheet and chart script it loads.</summary>
    private static async Task<string> PageWeightAsync(Uri page)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // The page as most viewers get it: every value already there, rendered in one pass (no streamed batch).
        var html = await client.GetStringAsync(page);
        for (var i = 0; i < 20 && html.Contains("<blazor-ssr>", StringComparison.Ordinal); i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            html = await client.GetStringAsync(page);
        }
        var charts = html.Split("<section class=\"panel ", StringSplitOptions.None)
            .Skip(1)
            .Where(s => s.StartsWith("panel-timeseries", StringComparison.Ordinal) || s.StartsWith("panel-bar", StringComparison.Ordinal) || s.StartsWith("panel-gauge", StringComparison.Ordinal))
            .Select(s => "<section class=\"panel " + s[..(s.IndexOf("</section>", StringComparison.Ordinal) + "</section>".Length)])
            .ToList();
        var script = await client.GetStringAsync(new Uri(page, "/js/charts.js"));
        var css = await client.GetStringAsync(new Uri(page, "/css/dashboard.css"));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Page {page}: {Encoding.UTF8.GetByteCount(html):N0} bytes ({Gzip(html):N0} gzip), of which {charts.Count} chart panels {charts.Sum(c => Encoding.UTF8.GetByteCount(c)):N0} bytes ({Gzip(string.Concat(charts)):N0} gzip).");
        foreach (var chart in charts)
        {
            var id = chart[(chart.IndexOf("data-panel-id=\"", StringComparison.Ordinal) + 15)..];
            text.AppendLine(CultureInfo.InvariantCulture, $"- {id[..id.IndexOf('"', StringComparison.Ordinal)]}: {Encoding.UTF8.GetByteCount(chart):N0} bytes ({Gzip(chart):N0} gzip)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Loaded once and cached by the browser: js/charts.js {Encoding.UTF8.GetByteCount(script):N0} bytes ({Gzip(script):N0} gzip), css/dashboard.css {Encoding.UTF8.GetByteCount(css):N0} bytes ({Gzip(css):N0} gzip).");
        return text.ToString();
    }

    private static PanelOptions Panel(string type) => new()
    {
        Id = type, Title = type, Source = "bench", Type = type, Width = 2, Height = 2, Unit = "ms", Format = "N0",
        Thresholds = [new ThresholdOptions { Value = 0, Level = "ok" }, new ThresholdOptions { Value = 200, Level = "warn" }],
    };

    private static SourceValue Table(int series, int points)
    {
        var columns = new List<string> { "time" };
        columns.AddRange(Enumerable.Range(1, series).Select(s => $"s{s}"));
        var rows = Enumerable.Range(0, points).Select(i => (IReadOnlyList<string?>)
        [
            Now.AddMinutes(i - points).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            .. Enumerable.Range(1, series).Select(s => (100 * s + 40 * Math.Sin((i + s) / 7.0)).ToString("0.0", CultureInfo.InvariantCulture)),
        ]).ToList();
        return SourceValue.OfTable(new TableData(columns, rows, false));
    }

    private static SourceValue Categories(int count) =>
        SourceValue.OfSeries([.. Enumerable.Range(1, count).Select(i => new SeriesPoint($"category {i}", 1000.0 / i))]);

    private static int Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            gzip.Write(bytes);
        }

        return (int)buffer.Length;
    }
}
