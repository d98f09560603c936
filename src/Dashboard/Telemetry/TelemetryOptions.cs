using OpenTelemetry.Exporter;

namespace Dashboard.Telemetry;

/// <summary>Where traces, metrics and logs are pushed over OTLP (bound from <c>Dashboard:Telemetry</c>, falling
/// back to the standard <c>OTEL_EXPORTER_OTLP_*</c> settings). No endpoint: nothing is pushed (the default).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Dashboard:Telemetry";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string StandardProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The collector's base URL, e.g. <c>http://otel-collector:4317</c> (grpc) or <c>http://otel-collector:4318</c>
    /// (http/protobuf, where <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> are appended).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string? OtlpProtocol { get; set; }

    public bool OtlpRequested => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    /// <summary>The dashboard's own keys first, then the standard variables.</summary>
    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        Fill(options, configuration);
        return options;
    }

    public static void Fill(TelemetryOptions options, IConfiguration configuration)
    {
        if (!options.OtlpRequested)
        {
            options.OtlpEndpoint = configuration[StandardEndpointKey];
            options.OtlpProtocol ??= configuration[StandardProtocolKey];
        }
    }

    /// <summary>The endpoint and protocol to export to; null when none is set or the settings are invalid
    /// (start-up validation reports those).</summary>
    public (Uri Endpoint, OtlpExportProtocol Protocol)? OtlpTarget()
    {
        OtlpExportProtocol? protocol = (OtlpProtocol?.Trim().ToLowerInvariant() ?? Grpc) switch
        {
            Grpc => OtlpExportProtocol.Grpc,
            HttpProtobuf => OtlpExportProtocol.HttpProtobuf,
            _ => null,
        };
        return OtlpRequested
            && Uri.TryCreate(OtlpEndpoint!.Trim(), UriKind.Absolute, out var endpoint)
            && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)
            && protocol is { } known
                ? (endpoint, known)
                : null;
    }
}
