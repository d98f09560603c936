using System.Text.Json.Nodes;
using Dashboard.Tests.Browser;

namespace Dashboard.Tests.Cluster;

/// <summary>Instances of the published app (<see cref="PublishedApp"/>) on fixed loopback ports, all on one PostgreSQL
/// database, behind <see cref="NginxProxy"/>: what a deployment with a load balancer looks like, on one machine. An
/// instance can be restarted gracefully (SIGTERM, then started again on its port) or killed; everything is ended by PID.</summary>
public sealed class InstanceCluster : IAsyncDisposable
{
    private readonly string dashboardJson;
    private readonly int[] ports;
    private readonly PublishedApp?[] instances;

    private InstanceCluster(string dashboardJson, int[] ports)
    {
        this.dashboardJson = dashboardJson;
        this.ports = ports;
        instances = new PublishedApp?[ports.Length];
    }

    public NginxProxy Proxy { get; private set; } = default!;

    public int Count => ports.Length;

    public PublishedApp Instance(int index) => instances[index] ?? throw new InvalidOperationException($"instance {index} is not running");

    /// <summary>Instance <paramref name="index"/>'s own address (not through the proxy).</summary>
    public Uri Address(int index) => new($"http://127.0.0.1:{ports[index]}/");

    /// <param name="dashboardJson">The Dashboard section; its Storage's provider and connection are set to <paramref name="postgres"/>.</param>
    public static async Task<InstanceCluster> StartAsync(string dashboardJson, string postgres, int count = 3)
    {
        var dashboard = JsonNode.Parse(dashboardJson)!.AsObject();
        var storage = dashboard["Storage"] as JsonObject ?? new JsonObject();
        storage["Provider"] = "postgres";
        storage["ConnectionString"] = postgres;
        dashboard["Storage"] = storage;
        var cluster = new InstanceCluster(dashboard.ToJsonString(), [.. Enumerable.Range(0, count).Select(_ => PublishedApp.FreePort())]);
        try
        {
            // At once, as after a deploy: one of them seeds the database, the others load it.
            await Task.WhenAll(Enumerable.Range(0, count).Select(cluster.StartInstanceAsync));
            cluster.Proxy = await NginxProxy.StartAsync([.. Enumerable.Range(0, count).Select(cluster.Address)]);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>A graceful stop (SIGTERM) of instance <paramref name="index"/>, then a new process on its port, ready
    /// (its /readyz answered 200); returns the stopped process's exit code.</summary>
    public async Task<int> RestartAsync(int index, TimeSpan stopBound)
    {
        var exitCode = await StopAsync(index, stopBound);
        await StartInstanceAsync(index);
        return exitCode;
    }

    /// <summary>SIGTERM to instance <paramref name="index"/>; returns its exit code once it exited.</summary>
    public async Task<int> StopAsync(int index, TimeSpan bound)
    {
        var instance = Instance(index);
        var exitCode = await instance.TerminateAsync(bound);
        await instance.DisposeAsync();
        instances[index] = null;
        return exitCode;
    }

    /// <summary><c>kill -9</c> of instance <paramref name="index"/>: no shutdown, nothing released.</summary>
    public async Task KillAsync(int index)
    {
        var instance = Instance(index);
        instance.Kill();
        await instance.DisposeAsync();
        instances[index] = null;
    }

    public async Task StartInstanceAsync(int index) =>
        instances[index] = await PublishedApp.StartAsync(dashboardJson, port: ports[index]);

    public async ValueTask DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        foreach (var instance in instances)
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
