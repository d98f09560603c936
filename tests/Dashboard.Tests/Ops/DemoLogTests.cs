using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Tests.Browser;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Ops;

/// <summary>A healthy demo is quiet: 100 page views of the shipped demo as <c>dotnet run</c> runs it (the build output,
/// its environment, the shipped logging settings), each with the page's own styles and scripts, log no Warning or worse except
/// the demo's documented failures, one line each per source and no stack trace. The demo's flaky payments API is down
/// only 20 s a minute, so a copy of its source that always gets HTTP 503 (with its retry and breaker) stands in for it.
/// Probes of the (degraded, on purpose) /health repeat nothing; afterwards the anonymous pages never say "circuit".</summary>
public sealed partial class DemoLogTests
{
    private const int Views = 100;
    private const int Viewers = 10;

    [GeneratedRegex(@"^(warn|fail|crit): (?<category>\S+)")]
    private static partial Regex WarningOrWorse();

    [GeneratedRegex("""(?:href|src)="(?<asset>(?:css|js|_framework)/[^"]+|favicon\.svg)""")]
    private static partial Regex Asset();

    [Fact]
    public async Task Page_views_log_only_the_documented_failures_once_each_without_stack_traces()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetStatus("payments", 503);
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("appsettings.json"), TestContext.Current.CancellationToken))!;
        var dashboard = shipped["Dashboard"]!.DeepClone();
        var down = dashboard["Sources"]!["payments"]!.DeepClone();
        down["Http"]!["Url"] = upstream.Url("payments");
        dashboard["Sources"]!["payments-down"] = down;
        dashboard["Dashboards"]![0]!["Panels"]!.AsArray().Add(JsonNode.Parse("""{ "Id": "payments-down", "Type": "stat", "Title": "Payments (down)", "Source": "payments-down" }"""));
        await using var app = await PublishedApp.StartAsync(dashboard.ToJsonString(), LaunchProfile.Environment(), shipped["Logging"], buildOutput: true);
        using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, Viewers).Select(async viewer =>
        {
            for (var i = 0; i < Views / Viewers; i++)
            {
                var page = await client.GetStringAsync(i % 2 == 0 ? "/" : "/d/status", ct);
                foreach (var asset in Asset().Matches(page).Select(m => m.Groups["asset"].Value).Distinct())
                {
                    using var response = await client.GetAsync(asset, ct);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }
        }));
        await BrowserWait.UntilAsync(() => upstream.Calls("payments") > 0, "the down payments API to be called");

        // A probe of /health while the demo is degraded on purpose repeats nothing in the log.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("degraded", (string?)JsonNode.Parse(await client.GetStringAsync("/health", ct))!["status"]);
        }

        // Anonymous viewers get plain reasons, never the breaker's vocabulary, whatever state it is in.
        foreach (var path in new[] { "/", "/d/status" })
        {
            Assert.DoesNotContain("circuit", await client.GetStringAsync(path, ct), StringComparison.OrdinalIgnoreCase);
        }

        var lines = app.Lines;
        var loud = lines.Select((line, i) => (Match: WarningOrWorse().Match(line), Next: i + 1 < lines.Count ? lines[i + 1] : ""))
            .Where(l => l.Match.Success)
            .Select(l => $"{l.Match.Value} {l.Next.Trim()}")
            .ToList();
        var unexpected = loud.Where(l => !Regex.IsMatch(l, @"^warn: Dashboard\.Sources\.Engine\.SourceEngine\[4120\] Source (legacy-erp|payments|payments-down) fetch failed")).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected warnings:\n" + string.Join("\n", unexpected));
        Assert.Single(loud, l => l.Contains("Source legacy-erp fetch failed", StringComparison.Ordinal));
        Assert.Single(loud, l => l.Contains("Source payments-down fetch failed", StringComparison.Ordinal));
        Assert.True(loud.Count(l => l.Contains("Source payments fetch failed", StringComparison.Ordinal)) <= 1, string.Join("\n", loud));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.False(app.HasExited, app.Output);
    }
}
