using System.Globalization;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dashboard.Sources.Engine;

/// <summary>Turns a failed fetch into a short reason: <see cref="Describe"/> in detail for admins, logs and webhooks
/// (never a stack or a secret value), <see cref="Public"/> generic for anonymous viewers.</summary>
public static class FailureReasons
{
    public static string Describe(Exception exception, SourceOptions options) => exception switch
    {
        SourceFailureException failure => failure.Reason,
        TimeoutRejectedException => $"timeout after {Format(options.FetchTimeout)}",
        BrokenCircuitException => "circuit open after repeated failures",
        HttpRequestException http => http.StatusCode is { } code ? $"HTTP {(int)code}" : "connection failed",
        OperationCanceledException => "cancelled",
        _ => $"unexpected error ({exception.GetType().Name})",
    };

    /// <summary>The generic reason for anonymous viewers: no host, port, relation, role or secret name.</summary>
    public static string Public(Exception exception) => exception switch
    {
        SourceFailureException failure => failure.PublicReason,
        TimeoutRejectedException => PublicReasons.Timeout,
        BrokenCircuitException => PublicReasons.CircuitOpen,
        HttpRequestException http => http.StatusCode is { } code ? PublicReasons.Http((int)code) : PublicReasons.ConnectionFailed,
        OperationCanceledException => PublicReasons.Cancelled,
        _ => PublicReasons.Failed,
    };

    /// <summary>A low-cardinality outcome label for metrics.</summary>
    public static string Outcome(Exception exception) => exception switch
    {
        TimeoutRejectedException => "timeout",
        BrokenCircuitException => "circuit_open",
        SourceFailureException => "error",
        HttpRequestException => "error",
        OperationCanceledException => "cancelled",
        _ => "unexpected",
    };

    /// <summary>"800 ms", "1 s", "1.5 s", "2 min".</summary>
    public static string Format(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => $"{span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
        { TotalMinutes: < 1 } => $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        _ => $"{span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min",
    };
}
