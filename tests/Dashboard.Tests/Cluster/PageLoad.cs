using System.Collections.Concurrent;
using System.Net;

namespace Dashboard.Tests.Cluster;

/// <summary>Closed-loop page loads through a proxy: each worker requests the page again as soon as the last one was read
/// in full. A load fails on any status other than 200, a connection error, or a body cut short (no closing
/// <c>&lt;/html&gt;</c>: a streamed page whose instance died mid-way).</summary>
public sealed class PageLoad : IAsyncDisposable
{
    private readonly HttpClient client;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> failures = new();
    private readonly Task[] workers;
    private int ok;

    private PageLoad(Uri address, string path, int concurrency)
    {
        client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => RunAsync(path)))];
    }

    public int Ok => Volatile.Read(ref ok);

    public IReadOnlyCollection<string> Failures => failures;

    public static PageLoad Start(Uri address, string path, int concurrency) => new(address, path, concurrency);

    private async Task RunAsync(string path)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(path, stop.Token);
                var body = await response.Content.ReadAsStringAsync(stop.Token);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"HTTP {(int)response.StatusCode} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
                }
                else if (!body.Contains("</html>", StringComparison.Ordinal))
                {
                    failures.Enqueue($"page cut short after {body.Length} characters at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
                }
                else
                {
                    Interlocked.Increment(ref ok);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                failures.Enqueue($"{ex.GetType().Name}: {ex.Message} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
            }
        }
    }

    /// <summary>Stops after the loads in flight finished.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        client.Dispose();
        stop.Dispose();
    }
}
