using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Every chart type in the published app, in Chromium: light and dark, desktop and a 390 px phone. Axis labels
/// never overlap or leave their panel, hover reads out the exact time and values, and without JavaScript the SVG is
/// all there. Screenshots go to <see cref="TestArtifacts"/> for a person to look at.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartBrowserTests(BrowserFixture browser, ChartAppFixture charts) : IClassFixture<ChartAppFixture>
{
    private static readonly string[] ChartPanels = ["latency", "many", "kinds", "gauge", "plans", "area"];

    /// <summary>Every visible label of each chart as a box, grouped by the labels that must not overlap one another.</summary>
    private const string LabelBoxesScript = """
        () => {
          const visible = (e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0;
          const box = (e) => { const r = e.getBoundingClientRect(); return { text: e.textContent, x: r.x, y: r.y, w: r.width, h: r.height }; };
          const groups = { time: 'text.time-label', value: 'text.value-label', bars: 'text.bar-label, text.bar-value', gauge: 'text.gauge-value, text.gauge-level, text.gauge-bound' };
          return [...document.querySelectorAll('section.panel figure.chart')].map((f) => ({
            panel: f.closest('section').dataset.panelId,
            bounds: box(f.closest('section')),
            groups: Object.fromEntries(Object.entries(groups).map(([k, s]) => [k, [...f.querySelectorAll(s)].filter(visible).map(box)])),
          }));
        }
        """;

    private Uri Dashboard => new(charts.App.Address, $"/d/{ChartAppFixture.Slug}");

    private async Task<BrowserPage> OpenAsync(ColorScheme scheme, int width, bool javaScript = true)
    {
        var session = await browser.NewPageAsync(new()
        {
            ColorScheme = scheme,
            ViewportSize = new() { Width = width, Height = width < 600 ? 844 : 1000 },
            JavaScriptEnabled = javaScript,
        });
        await session.Page.GotoAsync(Dashboard.ToString());
        await Expect(session.Page.Locator("section.panel[data-state='fresh']")).ToHaveCountAsync(ChartPanels.Length + 1);
        return session;
    }

    [ChromiumFact]
    public async Task Every_chart_type_renders_in_light_dark_and_at_390_px_with_labels_that_never_overlap()
    {
        string? lightStroke = null;
        foreach (var (scheme, width) in new[] { (ColorScheme.Light, 1280), (ColorScheme.Dark, 1280), (ColorScheme.Light, 390), (ColorScheme.Dark, 390) })
        {
            await using var session = await OpenAsync(scheme, width);
            var page = session.Page;
            var name = $"charts-{scheme.ToString().ToLowerInvariant()}-{width}";
            await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor(name + ".png"), FullPage = true });

            foreach (var id in ChartPanels)
            {
                var svg = page.Locator($"section[data-panel-id='{id}'] figure.chart svg[role='img']").First;
                await Expect(svg).ToBeVisibleAsync();
                var box = await svg.BoundingBoxAsync();
                Assert.True(box is { Width: > 100, Height: > 60 }, $"{name}: chart {id} is {box?.Width}×{box?.Height}");
                await page.Locator($"section[data-panel-id='{id}']").ScreenshotAsync(new() { Path = TestArtifacts.PathFor($"{name}-{id}.png") });
            }

            AssertNoLabelOverlaps(name, await page.EvaluateAsync<JsonElement>(LabelBoxesScript), width);

            // The stylesheet's dark palette applies: a darker page and other series colours.
            var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor");
            var stroke = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('path.line.series-0')).stroke");
            if (scheme == ColorScheme.Dark)
            {
                Assert.Equal("rgb(15, 20, 25)", background);
                Assert.NotEqual(lightStroke, stroke);
            }
            else
            {
                lightStroke = stroke;
            }

            session.AssertNoErrors();
        }
    }

    private static void AssertNoLabelOverlaps(string view, JsonElement charts, int viewport)
    {
        var checkedLabels = 0;
        foreach (var chart in charts.EnumerateArray())
        {
            var panel = chart.GetProperty("panel").GetString();
            var bounds = chart.GetProperty("bounds");
            var (left, right) = (Math.Max(0, bounds.GetProperty("x").GetDouble()), Math.Min(viewport, bounds.GetProperty("x").GetDouble() + bounds.GetProperty("w").GetDouble()));
            // (Playwright marks objects with "$id".)
            foreach (var group in chart.GetProperty("groups").EnumerateObject().Where(g => !g.Name.StartsWith('$')))
            {
                var boxes = group.Value.EnumerateArray().Select(b => (
                    Text: b.GetProperty("text").GetString(),
                    X: b.GetProperty("x").GetDouble(), Y: b.GetProperty("y").GetDouble(),
                    W: b.GetProperty("w").GetDouble(), H: b.GetProperty("h").GetDouble())).ToList();
                checkedLabels += boxes.Count;
                foreach (var b in boxes)
                {
                    Assert.True(b.X >= left && b.X + b.W <= right, $"{view}: label '{b.Text}' of {panel} leaves its panel or the screen ({b.X:0}..{b.X + b.W:0} of {left:0}..{right:0})");
                }

                for (var i = 0; i < boxes.Count; i++)
                {
                    for (var j = i + 1; j < boxes.Count; j++)
                    {
                        var (a, c) = (boxes[i], boxes[j]);
                        // At least a pixel apart, so the labels read as separate words.
                        var overlap = a.X < c.X + c.W + 1 && c.X < a.X + a.W + 1 && a.Y < c.Y + c.H && c.Y < a.Y + a.H;
                        Assert.False(overlap, $"{view}: {group.Name} labels '{a.Text}' and '{c.Text}' of {panel} overlap");
                    }
                }
            }
        }

        Assert.True(checkedLabels > 40, $"{view}: only {checkedLabels} labels found");
    }

    [ChromiumFact]
    public async Task Hovering_a_timeseries_shows_the_exact_time_and_values_of_the_nearest_point()
    {
        await using var session = await OpenAsync(ColorScheme.Light, 1280);
        var page = session.Page;
        var chart = page.Locator("section[data-panel-id='latency'] figure.chart");
        var plot = await chart.Locator("svg.plot").BoundingBoxAsync() ?? throw new InvalidOperationException("no plot");
        var svg = chart.Locator("svg.chart-svg");
        var from = double.Parse((await svg.GetAttributeAsync("data-from"))!, CultureInfo.InvariantCulture);
        var to = double.Parse((await svg.GetAttributeAsync("data-to"))!, CultureInfo.InvariantCulture);
        var rows = await chart.Locator("details.chart-data tbody tr").EvaluateAllAsync<JsonElement>(
            "rows => rows.map(r => ({ t: Date.parse(r.querySelector('time').getAttribute('datetime')), time: r.querySelector('th').textContent, cells: [...r.querySelectorAll('td')].map(td => td.textContent) }))");

        var all = rows.EnumerateArray().ToList();
        foreach (var nearest in new[] { all[all.Count / 2], all[3], all[^2] })
        {
            // Onto a point's time: the read-out must give that point's row (time and every series' value).
            var fraction = (nearest.GetProperty("t").GetDouble() - from) / (to - from);
            await page.Mouse.MoveAsync((float)(plot.X + plot.Width * fraction), (float)(plot.Y + plot.Height / 2));

            var tip = chart.Locator(".chart-tooltip");
            await Expect(tip).ToBeVisibleAsync();
            await Expect(tip.Locator("time")).ToHaveTextAsync(nearest.GetProperty("time").GetString()!);
            var expectedValues = nearest.GetProperty("cells").EnumerateArray().Select(c => c.GetString() is { Length: > 0 } text ? text : "–").ToArray();
            await Expect(tip.Locator("li > span:last-child")).ToHaveTextAsync(expectedValues);
            await Expect(tip.Locator("li > span:first-child")).ToHaveTextAsync(["p50", "p95", "p99"]);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", await tip.Locator("time").TextContentAsync());
            Assert.EndsWith(" ms", expectedValues[0], StringComparison.Ordinal);
            await Expect(chart.Locator("line.crosshair")).ToHaveCountAsync(1);
        }

        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("charts-hover.png"), Clip = new() { X = (float)plot.X - 40, Y = (float)plot.Y - 60, Width = (float)plot.Width + 80, Height = (float)plot.Height + 160 } });

        // Leaving the chart takes the read-out away.
        await page.Mouse.MoveAsync(5, 5);
        await Expect(chart.Locator(".chart-tooltip")).ToHaveCountAsync(0);
        await Expect(chart.Locator("line.crosshair")).ToHaveCountAsync(0);
        session.AssertNoErrors();
    }

    [ChromiumFact]
    public async Task With_JavaScript_off_every_chart_is_still_drawn_and_its_table_opens()
    {
        await using var session = await OpenAsync(ColorScheme.Light, 390, javaScript: false);
        var page = session.Page;

        foreach (var id in ChartPanels)
        {
            await Expect(page.Locator($"section[data-panel-id='{id}'] figure.chart svg[role='img']").First).ToBeVisibleAsync();
        }

        Assert.True(await page.Locator("section[data-panel-id='latency'] svg.plot path.line").CountAsync() >= 3);
        var details = page.Locator("section[data-panel-id='latency'] details.chart-data");
        await details.Locator("summary").ClickAsync();
        await Expect(details.Locator("tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = TestArtifacts.PathFor("charts-no-javascript-390.png"), FullPage = true });

        // A sort link works as a plain link.
        await page.Locator("section[data-panel-id='orders'] th a", new() { HasText = "Total" }).ClickAsync();
        await page.WaitForURLAsync("**sort.orders=total-asc**");
        await Expect(page.Locator("section[data-panel-id='orders'] tbody tr").First.Locator("td").First).ToHaveTextAsync("€63.03");
    }
}
