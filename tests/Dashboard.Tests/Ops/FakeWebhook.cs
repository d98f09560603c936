using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Ops;

/// <summary>A webhook receiver on 127.0.0.1 (real Kestrel): records every POST on arrival, and can answer
/// with given status codes or hold requests until released.</summary>
public sealed class FakeWebhook : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private readonly ConcurrentQueue<int> statuses = new();
    private volatile TaskCompletionSource? gate;
    private int inFlight;

    private FakeWebhook(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Requests being held right now.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    public static async Task<FakeWebhook> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var webhook = new FakeWebhook(app);
        app.MapPost("/{**path}", webhook.HandleAsync);
        await app.StartAsync();
        webhook.BaseAddress = new Uri(app.Urls.First());
        return webhook;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public IReadOnlyList<ReceivedRequest> Requests(string path) => [.. received.Where(r => r.Path == path)];

    /// <summary>The next requests answer with these codes, in order; then 200.</summary>
    public void RespondWith(params int[] codes)
    {
        foreach (var code in codes)
        {
            statuses.Enqueue(code);
        }
    }

    /// <summary>Requests wait (without answering) until <see cref="Release"/>.</summary>
    public void Hold() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref gate, null)?.TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        received.Enqueue(new ReceivedRequest(context.Request.Path.Value ?? "", body, context.Request.ContentType));
        if (gate is { } held)
        {
            Interlocked.Increment(ref inFlight);
            try
            {
                await held.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        context.Response.StatusCode = statuses.TryDequeue(out var code) ? code : 200;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Path, string Body, string? ContentType);
