using Polly.Telemetry;

namespace Dashboard.Logging;

/// <summary>How Polly.Extensions' telemetry of the source pipelines reaches the logs. Its events (each retry, handled
/// attempt and breaker change) stay on the "Polly" meter, but are logged at Debug: at Warning they carried the
/// failure's stack trace, once per attempt, for an upstream answering 503. The one log line per cause is
/// <see cref="SourceFailureLog"/>'s, and breaker changes are logged by the notifier.</summary>
public static class ResilienceTelemetryLogging
{
    public static IServiceCollection AddQuietResilienceTelemetry(this IServiceCollection services) =>
        services.Configure<TelemetryOptions>(o => o.SeverityProvider = static args =>
            args.Event.Severity == ResilienceEventSeverity.None ? ResilienceEventSeverity.None : ResilienceEventSeverity.Debug);
}
