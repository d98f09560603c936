using System.Globalization;
using System.Net.ServerSentEvents;
using Dashboard.Live;

namespace Dashboard.Tests.Cluster;

/// <summary>A live viewer through the proxy that behaves as wwwroot/js/live.js does: holds /live/{slug} open, and on a
/// <c>reconnect</c> event waits the delay it names and opens the stream again (the proxy picks the instance). A stream
/// that ends or fails without that hint counts as dropped.</summary>
public sealed class LiveViewer : IAsyncDisposable
{
    private readonly HttpClient client;
    private readonly CancellationTokenSource stop = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset> versionTimes = new();
    private readonly Task loop;
    private int hints;
    private int versions;
    private int dropped;
    private string? lastDrop;

    private LiveViewer(Uri address, string slug)
    {
        client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        loop = Task.Run(() => RunAsync(slug));
    }

    /// <summary>Reconnect hints received.</summary>
    public int Hints => Volatile.Read(ref hints);

    /// <summary>Version events received (one at least per connection).</summary>
    public int Versions => Volatile.Read(ref versions);

    /// <summary>When each version event arrived.</summary>
    public IReadOnlyList<DateTimeOffset> VersionTimes => [.. versionTimes];

    public int Dropped => Volatile.Read(ref dropped);

    public string? LastDrop => Volatile.Read(ref lastDrop);

    public static LiveViewer Start(Uri address, string slug) => new(address, slug);

    private async Task RunAsync(string slug)
    {
        while (!stop.IsCancellationRequested)
        {
            var delay = TimeSpan.FromSeconds(1);
            var hinted = false;
            try
            {
                using var response = await client.GetAsync($"/live/{slug}", HttpCompletionOption.ResponseHeadersRead, stop.Token);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop.Token))
                {
                    if (item.EventType == LiveEndpoint.ReconnectEvent)
                    {
                        Interlocked.Increment(ref hints);
                        hinted = true;
                        delay = TimeSpan.FromMilliseconds(long.Parse(item.Data, CultureInfo.InvariantCulture));
                    }
                    else if (item.EventType == "message")
                    {
                        versionTimes.Enqueue(DateTimeOffset.UtcNow);
                        Interlocked.Increment(ref versions);
                    }
                }

                if (!hinted)
                {
                    Drop("the stream ended without a reconnect event");
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                Drop($"{ex.GetType().Name}: {ex.Message}");
            }

            try
            {
                await Task.Delay(delay, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Drop(string reason)
    {
        Interlocked.Increment(ref dropped);
        Volatile.Write(ref lastDrop, $"{reason} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        client.Dispose();
        stop.Dispose();
    }
}
