using Dashboard.Health;
using Dashboard.Notifications;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Ops;

/// <summary>Structured logs of state changes and webhook failures, with no secret in any log entry at any
/// level; the shutdown bound and notification settings validation.</summary>
public sealed class OpsLoggingAndConfigurationTests
{
    [Fact]
    public async Task State_changes_and_webhook_failures_are_logged_structured_and_without_secrets()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var webhook = await FakeWebhook.StartAsync();
        upstream.SetStatus("leaky", 503);
        webhook.RespondWith(500, 500);
        using var logs = new FakeLoggerProvider();
        var config = $$"""
            {
              "Sources": { "leaky": { "Kind": "http", "Http": { "Url": "{{upstream.Url("leaky")}}?token=s3cretQuery", "Path": "value" }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10" } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "leaky", "Type": "stat", "Title": "Leaky", "Source": "leaky" } ] } ],
              "Notifications": { "Webhooks": [ { "Name": "ops", "Url": "{{webhook.Url("/hooks/s3cretPath")}}" } ], "MaxAttempts": 2, "RetryDelay": "00:00:00.010" }
            }
            """;
        await using var app = new DashboardAppFactory(config, services => services.AddLogging(b =>
        {
            b.AddProvider(logs);
            b.AddFilter<FakeLoggerProvider>(null, LogLevel.Trace);
        }));
        using var client = app.CreateClient();

        (await client.GetAsync("/", TestContext.Current.CancellationToken)).Dispose();
        await app.Services.GetRequiredService<NotificationQueue>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        var entries = logs.Collector.GetSnapshot();
        // The notifier's line is Debug: the one Warning is the engine's (SourceFailureLog).
        var failing = Assert.Single(entries, e => e.Id.Id == 4001);
        Assert.Equal(LogLevel.Debug, failing.Level);
        Assert.Equal("leaky", failing.GetStructuredStateValue("Source"));
        Assert.StartsWith("HTTP 503", failing.GetStructuredStateValue("Reason"), StringComparison.Ordinal);
        Assert.Equal("Source {Source} is failing: {Reason}", failing.GetStructuredStateValue("{OriginalFormat}"));

        var fetch = Assert.Single(entries, e => e.Category!.EndsWith("SourceEngine", StringComparison.Ordinal) && e.Level == LogLevel.Warning);
        Assert.Equal("leaky", fetch.GetStructuredStateValue("Source"));
        Assert.Contains(fetch.StructuredState!, kv => kv.Key == "LatencyMs");

        var retry = Assert.Single(entries, e => e.Id.Id == 4021);
        Assert.Equal("ops", retry.GetStructuredStateValue("Webhook"));
        Assert.Equal("HTTP 500", retry.GetStructuredStateValue("Reason"));
        var gaveUp = Assert.Single(entries, e => e.Id.Id == 4022);
        Assert.Equal(LogLevel.Error, gaveUp.Level);
        Assert.Equal("2", gaveUp.GetStructuredStateValue("Attempts"));

        // The check below covers the HTTP client's own request logs too (it redacts query strings).
        Assert.Contains(entries, e => e.Category!.StartsWith("System.Net.Http.HttpClient.sources", StringComparison.Ordinal) && e.Message.Contains("/v/leaky", StringComparison.Ordinal));
        Assert.All(entries, e =>
        {
            var text = e.Message + " " + string.Join(" ", e.StructuredState?.Select(kv => kv.Value) ?? []) + " " + e.Exception;
            Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_shutdown_bound_defaults_to_15_seconds_and_is_configurable()
    {
        const string Minimal = """
            "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:1/v" } } },
            "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "s", "Type": "stat", "Title": "S", "Source": "s" } ] } ]
            """;
        await using (var app = new DashboardAppFactory("{" + Minimal + "}"))
        {
            Assert.Equal(TimeSpan.FromSeconds(15), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        }

        await using (var app = new DashboardAppFactory("{" + Minimal + ", \"ShutdownTimeout\": \"00:00:07\" }"))
        {
            Assert.Equal(TimeSpan.FromSeconds(7), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        }

        await using (var app = new DashboardAppFactory("{" + Minimal + ", \"Health\": { \"ShowErrorDetails\": \"sometimes\" } }"))
        {
            var error = Assert.ThrowsAny<Exception>(() => app.Services);
            Assert.Contains("Dashboard:Health:ShowErrorDetails", error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Invalid_notification_settings_are_refused_naming_the_key_but_never_the_url()
    {
        var result = new NotificationOptionsValidator().Validate(null, new NotificationOptions
        {
            Webhooks =
            [
                new WebhookOptions { Url = "ftp://hooks.example/s3cret", Format = "json" },
                new WebhookOptions { Name = "a", Url = "https://hooks.example/x", Format = "teams" },
                new WebhookOptions { Name = "A", Url = "https://hooks.example/y" },
            ],
            Timeout = TimeSpan.Zero,
            MaxAttempts = 0,
            MinInterval = TimeSpan.FromSeconds(-1),
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains("Dashboard:Notifications:Webhooks:0:Url: must be an absolute http or https URL", failures);
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Notifications:Webhooks:1:Format:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'a' is used more than once", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Notifications:Timeout:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Notifications:MaxAttempts:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dashboard:Notifications:MinInterval:", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("s3cret", StringComparison.Ordinal));
        Assert.False(new NotificationOptionsValidator().Validate(null, new NotificationOptions()).Failed);
        Assert.Equal(TimeSpan.FromSeconds(15), DashboardOpsExtensions.DefaultShutdownTimeout);
    }
}
