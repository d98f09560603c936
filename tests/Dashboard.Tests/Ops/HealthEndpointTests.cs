using System.Net;
using System.Text.Json;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Ops;

/// <summary>/healthz, /readyz and /health on the real app with a fake upstream, on a manual clock: a source
/// is driven through never fetched → fresh → stale → failing (HTTP 500) → failing (timeout) → recovered,
/// and another one into an open breaker.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new();
    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;
    private HttpClient client = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetValue("steady", 42);
        app = new DashboardAppFactory(Config(upstream), services => services.AddSingleton<TimeProvider>(time));
        client = app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    private static string Config(FakeUpstream upstream) => $$"""
        {
          "Sources": {
            "steady": { "Kind": "http", "Http": { "Url": "{{upstream.Url("steady")}}", "Path": "value" },
                        "MaxAge": "00:00:30", "FetchTimeout": "00:00:01", "RenderDeadline": "00:00:01",
                        "CircuitBreaker": { "Enabled": false } },
            "brittle": { "Kind": "http", "Http": { "Url": "{{upstream.Url("brittle")}}", "Path": "value" },
                         "MaxAge": "00:00:00", "CircuitBreaker": { "MinimumThroughput": 2, "BreakDuration": "00:05:00" } },
            "idle": { "Kind": "http", "Http": { "Url": "{{upstream.Url("idle")}}", "Path": "value" } }
          },
          "Dashboards": [
            { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "steady", "Type": "stat", "Title": "Steady", "Source": "steady" } ] },
            { "Slug": "brittle", "Title": "Brittle", "Panels": [ { "Id": "brittle", "Type": "stat", "Title": "Brittle", "Source": "brittle" } ] }
          ],
          "Health": { "ShowErrorDetails": "always" }
        }
        """;

    [Fact]
    public async Task Liveness_and_readiness_answer_200()
    {
        using var live = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("no-store", ready.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_document_has_the_documented_shape_and_no_secrets()
    {
        var (status, body, json) = await HealthAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        var root = json.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal(0, root.GetProperty("failingSources").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        Assert.Equal(time.GetUtcNow(), root.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(0, root.GetProperty("uptimeSeconds").GetDouble());
        Assert.Equal("shown", root.GetProperty("errorDetails").GetString());

        var storage = root.GetProperty("storage");
        Assert.Equal("sqlite", storage.GetProperty("provider").GetString());
        Assert.Equal("healthy", storage.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, storage.GetProperty("latencyMs").ValueKind);
        Assert.Equal(JsonValueKind.Null, storage.GetProperty("error").ValueKind);

        var configuration = root.GetProperty("configuration");
        Assert.Equal("healthy", configuration.GetProperty("status").GetString());
        Assert.Equal(3, configuration.GetProperty("sources").GetInt32());
        Assert.Equal(2, configuration.GetProperty("dashboards").GetInt32());

        var sources = root.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["brittle", "idle", "steady"], sources.Select(s => s.GetProperty("name").GetString()));
        foreach (var source in sources)
        {
            Assert.Equal("never_fetched", source.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, source.GetProperty("lastSuccess").ValueKind);
            Assert.Equal(JsonValueKind.Null, source.GetProperty("lastError").ValueKind);
            Assert.Equal(JsonValueKind.Null, source.GetProperty("latencyMs").ValueKind);
            Assert.Equal(JsonValueKind.Null, source.GetProperty("cacheAgeSeconds").ValueKind);
            Assert.Empty(source.GetProperty("fetches").EnumerateObject());
            Assert.Equal(0, source.GetProperty("consecutiveFailures").GetInt32());
            Assert.False(source.GetProperty("breakerOpen").GetBoolean());
        }

        var queues = root.GetProperty("queues");
        Assert.Equal(0, queues.GetProperty("persistence").GetProperty("depth").GetInt32());
        Assert.Equal(0, queues.GetProperty("notifications").GetProperty("depth").GetInt32());
        Assert.Empty(root.GetProperty("notifications").GetProperty("webhooks").EnumerateArray());

        Assert.DoesNotContain(app.DataDirectory, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Data Source", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(upstream.BaseAddress.Authority, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_goes_through_fresh_stale_failing_timeout_and_recovery()
    {
        var t0 = time.GetUtcNow();

        // Success, with a known latency: the upstream is held while the clock moves 120 ms.
        upstream.Hold("steady");
        var page = client.GetAsync("/d/main", TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => upstream.Calls("steady") == 1, "first fetch");
        time.Advance(TimeSpan.FromMilliseconds(120));
        upstream.Release("steady");
        using (var response = await page)
        {
            Assert.Contains("42", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var steady = await SourceAsync("steady");
        Assert.Equal("fresh", steady.GetProperty("state").GetString());
        Assert.Equal(t0.AddMilliseconds(120), steady.GetProperty("lastSuccess").GetDateTimeOffset());
        Assert.Equal(120, steady.GetProperty("latencyMs").GetProperty("p50").GetDouble());
        Assert.Equal(120, steady.GetProperty("latencyMs").GetProperty("p95").GetDouble());
        Assert.Equal(1, steady.GetProperty("latencyMs").GetProperty("samples").GetInt32());
        Assert.Equal(0, steady.GetProperty("cacheAgeSeconds").GetDouble());
        Assert.Equal(Fetches(("success", 1)), FetchesOf(steady));

        // Older than MaxAge (30 s): stale until someone views it.
        time.Advance(TimeSpan.FromSeconds(31));
        steady = await SourceAsync("steady");
        Assert.Equal("stale", steady.GetProperty("state").GetString());
        Assert.Equal(31, steady.GetProperty("cacheAgeSeconds").GetDouble());

        // The upstream fails: failing, with the reason and time.
        upstream.SetStatus("steady", 500);
        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();
        steady = await SourceAsync("steady");
        Assert.Equal("failing", steady.GetProperty("state").GetString());
        Assert.StartsWith("HTTP 500", steady.GetProperty("lastError").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow(), steady.GetProperty("lastError").GetProperty("at").GetDateTimeOffset());
        Assert.Equal(Fetches(("error", 1), ("success", 1)), FetchesOf(steady));
        var (status, _, json) = await HealthAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(["steady"], json.RootElement.GetProperty("failingSources").EnumerateArray().Select(s => s.GetString()));

        // The upstream hangs: the fetch timeout (1 s on the manual clock) fails it. First the back-off after the failure
        // (15 to 18 s: half of MaxAge) runs out; views meanwhile do not call the upstream.
        upstream.SetStatus("steady", 200);
        upstream.Hold("steady");
        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();
        Assert.Equal(2, upstream.Calls("steady"));
        time.Advance(TimeSpan.FromSeconds(20));
        page = client.GetAsync("/d/main", TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => upstream.Calls("steady") == 3, "third fetch");
        time.Advance(TimeSpan.FromSeconds(1));
        (await page).Dispose();
        steady = await Poll.UntilAsync(() => SourceAsync("steady"), s => FetchesOf(s).GetValueOrDefault("timeout") == 1, "the timeout to be recorded");
        upstream.Release("steady");
        Assert.Equal("failing", steady.GetProperty("state").GetString());
        Assert.Equal("timeout after 1 s", steady.GetProperty("lastError").GetProperty("reason").GetString());
        Assert.Equal(2, steady.GetProperty("consecutiveFailures").GetInt32());

        // Recovery: fresh again; the last error stays visible with its time. The timed-out refresh may still
        // be finishing (it records before it completes), and a view joining it shares its failure: view again.
        var failedAt = steady.GetProperty("lastError").GetProperty("at").GetDateTimeOffset();
        time.Advance(TimeSpan.FromSeconds(40)); // The second back-off: 30 to 36 s.
        steady = await Poll.UntilAsync(
            async () =>
            {
                (await client.GetAsync("/d/main")).Dispose();
                return await SourceAsync("steady");
            },
            s => s.GetProperty("state").GetString() == "fresh",
            "the source to recover");
        Assert.Equal(0, steady.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(failedAt, steady.GetProperty("lastError").GetProperty("at").GetDateTimeOffset());
        Assert.Equal(Fetches(("error", 1), ("success", 2), ("timeout", 1)), FetchesOf(steady));
        Assert.Equal(4, steady.GetProperty("latencyMs").GetProperty("samples").GetInt32());
        (_, _, json) = await HealthAsync();
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("never_fetched", (await SourceAsync("idle")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Repeated_failures_show_an_open_breaker()
    {
        upstream.SetStatus("brittle", 503);
        (await client.GetAsync("/d/brittle", TestContext.Current.CancellationToken)).Dispose();
        Assert.Equal("failing", (await SourceAsync("brittle")).GetProperty("state").GetString());

        // Each retry waits out the back-off (MaxAge 0: 2 s, then 4 s, plus up to 20 % jitter).
        time.Advance(TimeSpan.FromSeconds(3));
        (await client.GetAsync("/d/brittle", TestContext.Current.CancellationToken)).Dispose();
        time.Advance(TimeSpan.FromSeconds(5));
        (await client.GetAsync("/d/brittle", TestContext.Current.CancellationToken)).Dispose();
        var brittle = await SourceAsync("brittle");
        Assert.Equal("breaker_open", brittle.GetProperty("state").GetString());
        Assert.True(brittle.GetProperty("breakerOpen").GetBoolean());
        Assert.Equal("HTTP 503 Service Unavailable · circuit open", brittle.GetProperty("lastError").GetProperty("reason").GetString());
        Assert.Equal(Fetches(("circuit_open", 1), ("error", 2)), FetchesOf(brittle));
        Assert.Equal(2, upstream.Calls("brittle"));
    }

    private async Task<(HttpStatusCode Status, string Body, JsonDocument Json)> HealthAsync()
    {
        using var response = await client.GetAsync("/health");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, JsonDocument.Parse(body));
    }

    private async Task<JsonElement> SourceAsync(string name)
    {
        var (_, _, json) = await HealthAsync();
        return json.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).Clone();
    }

    private static Dictionary<string, long> FetchesOf(JsonElement source) =>
        source.GetProperty("fetches").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static Dictionary<string, long> Fetches(params (string Outcome, long Count)[] counts) =>
        counts.ToDictionary(c => c.Outcome, c => c.Count);
}
