using Dashboard.Sources;
using Dashboard.Telemetry;
using Dashboard.Tests.Ops;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace Dashboard.Tests.Telemetry;

/// <summary>Traces are pushed over OTLP only when an endpoint is configured; a bad endpoint stops start-up.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Without_an_endpoint_no_tracer_is_registered()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = new DashboardAppFactory(SourceTracingTests.HttpConfig(upstream, SourceTracingTests.UniqueName(), maxAge: "00:00:00"), SourceTracingTests.WithSecret);
        using var client = app.CreateClient();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_endpoint_fetch_spans_reach_the_collector()
    {
        await using var collector = await FakeWebhook.StartAsync();
        await using var upstream = await FakeUpstream.StartAsync();
        var source = SourceTracingTests.UniqueName();
        await using var factory = new DashboardAppFactory(SourceTracingTests.HttpConfig(upstream, source, maxAge: "00:00:00"), SourceTracingTests.WithSecret);

        // Exporters are chosen while services are registered: host settings are visible then, unlike the
        // factory's JSON (applied when the host is built).
        await using var app = factory.WithWebHostBuilder(b => b
            .UseSetting($"{TelemetryOptions.Section}:OtlpEndpoint", collector.BaseAddress.ToString())
            .UseSetting($"{TelemetryOptions.Section}:OtlpProtocol", TelemetryOptions.HttpProtobuf));
        using var client = app.CreateClient();

        (await client.GetAsync("/d/main", TestContext.Current.CancellationToken)).Dispose();
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), "the exporter did not flush");

        // OTLP/protobuf keeps strings as UTF-8, so names are visible in the body.
        var traces = collector.Requests("/v1/traces");
        Assert.Contains(traces, r => r.ContentType == "application/x-protobuf"
            && r.Body.Contains(SourceTracing.FetchSpan, StringComparison.Ordinal)
            && r.Body.Contains(source, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_endpoint_stops_start_up()
    {
        await using var app = new DashboardAppFactory("""
            {
              "Telemetry": { "OtlpEndpoint": "collector:4317" },
              "Connections": { "local": { "Provider": "sqlite", "ConnectionString": "Data Source=:memory:" } },
              "Sources": { "db": { "Kind": "sql", "Sql": { "Connection": "local", "Query": "select 1" } } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "db" } ] } ]
            }
            """);

        var thrown = Record.Exception(() => app.CreateClient());

        Assert.NotNull(thrown);
        Assert.Contains($"{nameof(OptionsValidationException)}: {TelemetryOptions.Section}:OtlpEndpoint (or {TelemetryOptions.StandardEndpointKey})", thrown.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://ours:4317", "http://standard:4317", "http://ours:4317")]
    [InlineData(null, "http://standard:4318", "http://standard:4318")]
    [InlineData(null, null, null)]
    public void The_dashboard_endpoint_wins_over_the_standard_variable(string? ours, string? standard, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{TelemetryOptions.Section}:OtlpEndpoint"] = ours,
            [TelemetryOptions.StandardEndpointKey] = standard,
            [TelemetryOptions.StandardProtocolKey] = "http/protobuf",
        }).Build();

        var options = TelemetryOptions.Read(configuration);

        Assert.Equal(expected, options.OtlpTarget()?.Endpoint.ToString().TrimEnd('/'));
    }
}
