using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dashboard.Storage;
using Dashboard.Tests.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Ops;

/// <summary>PostgreSQL storage frozen with SIGSTOP (a cluster of the test's own): /readyz answers 503 within its bound
/// for as long as it lasts, and ready again once the server runs; pages keep their deadline with a healthy upstream fresh.</summary>
public sealed class FrozenDatabaseTests(OwnPostgresCluster cluster) : IClassFixture<OwnPostgresCluster>
{
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RenderDeadline = TimeSpan.FromSeconds(1);
    private const string Fresh = "data-state=\"fresh\"";

    // What a probe may take beyond the storage timeout: the request itself, on a loaded machine.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(400);

    [OwnPostgresFact]
    public async Task Readyz_answers_503_within_its_bound_and_pages_keep_their_deadline_fresh_while_postgres_is_stopped_for_ten_seconds()
    {
        // Viewers keep coming meanwhile (no page cache): every refresh of the source (twice a second) first reads the shared
        // last good value, in case another instance fetched it.
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("v", 1);
        var storage = await cluster.CreateDatabaseAsync();
        await using var app = new DashboardAppFactory($$"""
            {
              "Storage": { "Provider": "postgres", "ConnectionString": "{{storage}}" },
              "Health": { "StorageTimeout": "00:00:01" },
              "PageCache": { "Duration": "00:00:00" },
              "Sources": { "v": { "Kind": "http", "Http": { "Url": "{{upstream.Url("v")}}", "Path": "value" }, "MaxAge": "00:00:00.500",
                                  "RenderDeadline": "00:00:01", "FetchTimeout": "00:00:05" } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "v", "Type": "stat", "Title": "V", "Source": "v" } ] } ]
            }
            """);
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        using (var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // The source holds a good value before the freeze (and the first render's one-off costs are paid).
        await Poll.UntilAsync(
            () => client.GetStringAsync("/d/main", TestContext.Current.CancellationToken),
            html => html.Contains(Fresh, StringComparison.Ordinal),
            "the source fresh before the freeze");

        var probes = new List<(HttpStatusCode Status, TimeSpan Took)>();
        cluster.Freeze();
        var frozen = Stopwatch.StartNew();
        using var stopViewers = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var pages = new ConcurrentQueue<(TimeSpan Took, bool Fresh)>();
        var viewers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stopViewers.IsCancellationRequested)
            {
                var took = Stopwatch.StartNew();
                using var page = await client.GetAsync("/d/main", stopViewers.Token);
                var html = await page.Content.ReadAsStringAsync(stopViewers.Token);
                if (frozen.Elapsed < TimeSpan.FromSeconds(10))
                {
                    pages.Enqueue((took.Elapsed, html.Contains(Fresh, StringComparison.Ordinal)));
                }
            }
        })).ToList();
        try
        {
            while (frozen.Elapsed < TimeSpan.FromSeconds(10))
            {
                var took = Stopwatch.StartNew();
                using var probe = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
                probes.Add((probe.StatusCode, took.Elapsed));
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            cluster.Thaw();
            await stopViewers.CancelAsync();
            await Task.WhenAll(viewers.Select(v => v.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        Assert.True(probes.Count >= 5, $"{probes.Count} probes");
        Assert.All(probes, p =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, p.Status);
            Assert.True(p.Took < StorageTimeout + Slack, $"a probe took {p.Took.TotalMilliseconds:0} ms (bound {StorageTimeout.TotalMilliseconds:0} ms)");
        });

        // Pages within the render deadline plus 50 ms, the healthy upstream fresh: the shared last good read waits
        // Storage:SharedReadWait (100 ms), then the upstream is called anyway.
        Assert.True(pages.Count >= 10, $"{pages.Count} pages");
        var slowest = pages.Max(p => p.Took);
        TestContext.Current.TestOutputHelper?.WriteLine($"{pages.Count} pages during the freeze: p50 {pages.Select(p => p.Took).Order().ElementAt(pages.Count / 2).TotalMilliseconds:0} ms, slowest {slowest.TotalMilliseconds:0} ms");
        Assert.True(slowest < RenderDeadline + TimeSpan.FromMilliseconds(50), $"the slowest page took {slowest.TotalMilliseconds:0} ms");
        Assert.All(pages, p => Assert.True(p.Fresh, $"a page ({p.Took.TotalMilliseconds:0} ms) did not show the healthy upstream fresh"));

        // Running again: ready again, without a restart.
        await Poll.UntilAsync(
            async () =>
            {
                using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
                return ready.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            "ready again after the thaw",
            seconds: 20);
    }

    [OwnPostgresFact]
    public async Task A_unix_socket_connection_to_the_storage_server_is_refused_at_start_and_on_open()
    {
        var storage = await cluster.CreateDatabaseAsync();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(storage).Database;
        var socket = $"Host={cluster.SocketFolder};Port={cluster.Port};Username=dashboard;Database={database}";
        await using var guard = new GuardHost("postgres", storage, new() { ["leak"] = ("postgres", socket) });

        Assert.Contains("points at the dashboard's own storage database", await guard.RefusalAtStartAsync(), StringComparison.Ordinal);
        Assert.Contains("points at the dashboard's own storage database", await guard.RefusalOnOpenAsync("leak"), StringComparison.Ordinal);
    }
}
