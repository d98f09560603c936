using System.Collections.Concurrent;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Tests.Http;

/// <summary>A secret referenced as <c>{secret:TEST_TOKEN}</c> (configuration key <c>Secrets:TEST_TOKEN</c>) is sent to the
/// upstream, but never appears in the page or the logs — not when the call works, not when it fails.</summary>
public sealed class SecretsTests : IAsyncLifetime
{
    private const string Token = "tok-9f8e7d6c5b4a-s3cr3t";
    private WebApplication upstream = default!;
    private readonly ConcurrentQueue<string> seenAuthorization = new();
    private readonly ConcurrentQueue<string> seenQuery = new();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        upstream = builder.Build();
        upstream.MapGet("/secure", (HttpRequest request) =>
        {
            var auth = request.Headers.Authorization.ToString();
            seenAuthorization.Enqueue(auth);
            return auth == $"Bearer {Token}" ? Results.Json(new { value = 31337 }) : Results.StatusCode(401);
        });

        // A careless upstream: its error page and its "JSON" echo what it was sent.
        upstream.MapGet("/echo-error", (HttpRequest request) =>
        {
            seenQuery.Enqueue(request.QueryString.Value ?? "");
            return Results.Text($"failed for {request.Headers.Authorization} {request.QueryString}", statusCode: 500);
        });
        upstream.MapGet("/echo-invalid", (HttpRequest request) =>
            Results.Text($"{request.Headers.Authorization} is not JSON", "application/json"));
        await upstream.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await upstream.StopAsync();
        await upstream.DisposeAsync();
    }

    private string Url(string path) => new Uri(new Uri(upstream.Urls.First()), path).ToString();

    [Fact]
    public async Task Secret_is_sent_upstream_but_never_written_to_the_page_or_the_logs()
    {
        using var logs = new FakeLoggerProvider();
        await using var root = new DashboardAppFactory($$"""
            {
              "Sources": {
                "secure": { "Kind": "http", "Http": { "Url": "{{Url("/secure")}}", "Path": "value",
                            "Headers": { "Authorization": "Bearer {secret:TEST_TOKEN}" } }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:08", "FetchTimeout": "00:00:10" },
                "error": { "Kind": "http", "Http": { "Url": "{{Url("/echo-error")}}", "Path": "value",
                           "Headers": { "Authorization": "Bearer {secret:TEST_TOKEN}" }, "Query": { "key": "{secret:TEST_TOKEN}" } }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:08", "FetchTimeout": "00:00:10" },
                "invalid": { "Kind": "http", "Http": { "Url": "{{Url("/echo-invalid")}}", "Path": "value",
                             "Headers": { "Authorization": "Bearer {secret:TEST_TOKEN}" } }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:08", "FetchTimeout": "00:00:10" },
                "refused": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:1/nothing", "Path": "value",
                             "Query": { "key": "{secret:TEST_TOKEN}" } }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:08", "FetchTimeout": "00:00:10" },
                "missing": { "Kind": "http", "Http": { "Url": "{{Url("/secure")}}", "Path": "value",
                             "Headers": { "Authorization": "Bearer {secret:MISSING_TOKEN}" } }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:08", "FetchTimeout": "00:00:10" }
              },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
                { "Id": "secure", "Type": "stat", "Title": "Secure", "Source": "secure", "Format": "0" },
                { "Id": "error", "Type": "stat", "Title": "Error", "Source": "error" },
                { "Id": "invalid", "Type": "stat", "Title": "Invalid", "Source": "invalid" },
                { "Id": "refused", "Type": "stat", "Title": "Refused", "Source": "refused" },
                { "Id": "missing", "Type": "stat", "Title": "Missing", "Source": "missing" } ] } ]
            }
            """);

        // The secret lives in the Secrets section, as the environment variable Secrets__TEST_TOKEN would put it; every log level on.
        using var app = root.WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Secrets:TEST_TOKEN"] = Token,
                ["Logging:LogLevel:Default"] = "Trace",
            }));
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        });
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        // The secret was resolved and sent: the upstream accepted it.
        Assert.Equal("fresh", PanelMarkup.FinalState(page, "secure"));
        Assert.Contains(">31337<", PanelMarkup.FinalHtml(page, "secure"));
        Assert.Contains($"Bearer {Token}", seenAuthorization);
        Assert.Contains(seenQuery, q => q.Contains(Token, StringComparison.Ordinal));

        // An anonymous viewer gets generic reasons (the details, with the secret's name, are for admins and logs).
        Assert.Contains("<span class=\"reason\">HTTP 500</span>", PanelMarkup.FinalHtml(page, "error"));
        Assert.Contains("<span class=\"reason\">invalid JSON</span>", PanelMarkup.FinalHtml(page, "invalid"));
        Assert.Contains("<span class=\"reason\">connection failed</span>", PanelMarkup.FinalHtml(page, "refused"));
        Assert.Contains("<span class=\"reason\">configuration error</span>", PanelMarkup.FinalHtml(page, "missing"));
        Assert.DoesNotContain("MISSING_TOKEN", page, StringComparison.Ordinal);
        Assert.Contains(logs.Collector.GetSnapshot(), e => e.Message.Contains("secret 'MISSING_TOKEN' is not set", StringComparison.Ordinal));

        Assert.DoesNotContain(Token, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(Token), page, StringComparison.Ordinal);
        // Trace is on: the outgoing requests themselves were logged (URL and headers), and the failures too.
        var entries = logs.Collector.GetSnapshot();
        Assert.Contains(entries, e => e.Category!.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) && e.Message.Contains("/echo-error", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Level == LogLevel.Warning && e.Message.Contains("HTTP 500", StringComparison.Ordinal));
        Assert.All(entries, entry =>
        {
            Assert.DoesNotContain(Token, entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, entry.Exception?.ToString() ?? "", StringComparison.Ordinal);
        });
    }
}
