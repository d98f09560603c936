using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Support;

/// <summary>A third-party JSON API on 127.0.0.1 for tests: <c>GET /v/{name}</c> answers
/// <c>{"value": n}</c>, counting calls; an endpoint can be held until the test releases it,
/// delayed, made to fail, or given a body of its own. Also answers absolute-form requests, so it can stand in for an
/// HTTP proxy (<see cref="Hosts"/> records the Host header each call named).</summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> calls = new();
    private readonly ConcurrentDictionary<string, double> values = new();
    private readonly ConcurrentDictionary<string, TimeSpan> delays = new();
    private readonly ConcurrentDictionary<string, int> statuses = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new();
    private readonly ConcurrentDictionary<string, string> bodies = new();
    private readonly ConcurrentQueue<string> hosts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> answered = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> queries = new();

    private FakeUpstream(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = default!;

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new FakeUpstream(app);
        app.MapGet("/v/{name}", upstream.HandleAsync);
        await app.StartAsync();
        upstream.BaseAddress = new Uri(app.Urls.First());
        return upstream;
    }

    public string Url(string name) => new Uri(BaseAddress, $"/v/{name}").ToString();

    public int Calls(string name) => calls.GetValueOrDefault(name);

    /// <summary>When each successful answer of this endpoint was sent, in order.</summary>
    public IReadOnlyList<DateTimeOffset> AnsweredAt(string name) => answered.TryGetValue(name, out var times) ? [.. times] : [];

    public void SetValue(string name, double value) => values[name] = value;

    public void SetDelay(string name, TimeSpan delay) => delays[name] = delay;

    public void SetStatus(string name, int status) => statuses[name] = status;

    /// <summary>This endpoint answers <paramref name="json"/> instead of <c>{"value": n}</c>.</summary>
    public void SetBody(string name, string json) => bodies[name] = json;

    /// <summary>The query string (with its '?', or empty) of every call to this endpoint, in order.</summary>
    public IReadOnlyCollection<string> Queries(string name) => queries.TryGetValue(name, out var list) ? list : [];

    /// <summary>The Host header of every call, in order.</summary>
    public IReadOnlyCollection<string> Hosts => hosts;

    /// <summary>Requests to this endpoint wait until <see cref="Release"/>.</summary>
    public void Hold(string name) => gates[name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string name)
    {
        if (gates.TryRemove(name, out var gate))
        {
            gate.TrySetResult();
        }
    }

    private async Task<IResult> HandleAsync(string name, HttpRequest request, CancellationToken aborted)
    {
        calls.AddOrUpdate(name, 1, (_, n) => n + 1);
        hosts.Enqueue(request.Host.Value ?? "");
        queries.GetOrAdd(name, _ => new ConcurrentQueue<string>()).Enqueue(request.QueryString.Value ?? "");
        if (gates.TryGetValue(name, out var gate))
        {
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), aborted);
        }

        if (delays.TryGetValue(name, out var delay))
        {
            await Task.Delay(delay, aborted);
        }

        if (statuses.TryGetValue(name, out var status) && status != 200)
        {
            return Results.StatusCode(status);
        }

        answered.GetOrAdd(name, static _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(DateTimeOffset.UtcNow);
        return bodies.TryGetValue(name, out var body)
            ? Results.Text(body, "application/json")
            : Results.Json(new { value = values.GetValueOrDefault(name, 1) });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in gates.Values)
        {
            gate.TrySetResult();
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }
}
