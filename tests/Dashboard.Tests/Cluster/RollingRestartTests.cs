using System.Diagnostics;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Cluster;

/// <summary>Three published instances on one PostgreSQL behind nginx, under page load and with a live viewer, restarted
/// one after another (SIGTERM, then a new process on the same port): no page load fails, pages in flight finish (a slow
/// source keeps many in flight), every instance exits cleanly, and the viewer is told to reconnect and never dropped.</summary>
public sealed class RollingRestartTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);

    // nginx's fail_timeout in the template: how long a restarted instance may still be marked out (docs/ops.md, "Shutdown").
    private static readonly TimeSpan BalancerFailTimeout = TimeSpan.FromSeconds(2);

    private static string Config(FakeUpstream upstream) => $$"""
        {
          "Demo": { "Enabled": false, "SeedConnection": "" },
          "ShutdownDrainDelay": "00:00:00.500",
          "Sources": {
            "fast": { "Kind": "http", "Http": { "Url": "{{upstream.Url("fast")}}", "Path": "value" }, "MaxAge": "00:00:02" },
            "slow": { "Kind": "http", "Http": { "Url": "{{upstream.Url("slow")}}", "Path": "value" },
                      "MaxAge": "00:00:00", "RenderDeadline": "00:00:02", "FetchTimeout": "00:00:03" }
          },
          "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
            { "Id": "fast", "Type": "stat", "Title": "Fast", "Source": "fast" },
            { "Id": "slow", "Type": "stat", "Title": "Slow", "Source": "slow" } ] } ]
        }
        """;

    [ClusterFact]
    public async Task A_rolling_restart_of_three_instances_under_load_through_nginx_fails_no_request()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("fast", 1);
        upstream.SetValue("slow", 2);

        // Every page waits this long for the slow source, so loads are in flight whenever an instance is told to stop.
        upstream.SetDelay("slow", TimeSpan.FromMilliseconds(300));
        await using var cluster = await InstanceCluster.StartAsync(Config(upstream), database.ConnectionString);
        await using var load = PageLoad.Start(cluster.Proxy.Address, "/d/main", concurrency: 6);
        await using var viewer = LiveViewer.Start(cluster.Proxy.Address, "main");
        await Eventually.TrueAsync(() => load.Ok >= 30 && viewer.Versions >= 1, "the load and the viewer to get going", TimeSpan.FromSeconds(30));

        for (var i = 0; i < cluster.Count; i++)
        {
            var before = load.Ok;
            Assert.Equal(0, await cluster.RestartAsync(i, StopBound));
            var ready = Stopwatch.StartNew();

            // The documented procedure: before the next stop, the balancer has had its fail_timeout to take this one back.
            await Eventually.TrueAsync(
                () => load.Ok >= before + 20 && ready.Elapsed > BalancerFailTimeout, $"pages served after restarting instance {i}", TimeSpan.FromSeconds(30));
        }

        await Eventually.TrueAsync(() => viewer.Hints >= 1 && viewer.Versions > viewer.Hints, "the viewer to be back on a live stream", TimeSpan.FromSeconds(10));
        await load.StopAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"{load.Ok} loads, {load.Failures.Count} failed; viewer: {viewer.Hints} reconnect hints, {viewer.Versions} versions, {viewer.Dropped} drops");
        Assert.True(load.Failures.Count == 0, $"{load.Failures.Count} of {load.Ok + load.Failures.Count} loads failed: {string.Join("; ", load.Failures.Take(5))}\n{cluster.Proxy.ErrorLog}");
        Assert.True(load.Ok >= 100, $"only {load.Ok} loads");
        Assert.True(viewer.Dropped == 0, $"the viewer was dropped {viewer.Dropped} times, last: {viewer.LastDrop}");
    }
}
