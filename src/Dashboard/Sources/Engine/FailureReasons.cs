using System.Globalization;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dashboard.Sources.Engine;

/// <summary>Turns a failed fetch into a short reason: <see cref="Describe"/> in detail for admins, logs and webhooks
/// (never a stack or a secret value), <see cref="Public"/> generic for anonymous viewers. An open breaker never hides
/// the cause: its reason is the last real failure with "circuit open" beside it, and the public one that failure's.</summary>
public static class FailureReasons
{
    public const string CircuitOpen = "circuit open";

    /// <param name="lastCause">The source's last failure that came from the upstream (not from the breaker), if any.</param>
    public static string Describe(Exception exception, SourceOptions options, string? lastCause = null) => exception switch
    {
        SourceFailureException failure => failure.Reason,
        TimeoutRejectedException => $"timeout after {Format(options.FetchTimeout)}",
        BrokenCircuitException => WithBreaker(lastCause),
        HttpRequestException http => http.StatusCode is { } code ? $"HTTP {(int)code}" : "connection failed",
        OperationCanceledException => "cancelled",
        _ => $"unexpected error ({exception.GetType().Name})",
    };

    /// <summary>The generic reason for anonymous viewers: no host, port, relation, role, secret name or breaker state.</summary>
    /// <param name="lastPublicCause">The public reason of the source's last real failure, if any.</param>
    public static string Public(Exception exception, string? lastPublicCause = null) => exception switch
    {
        SourceFailureException failure => failure.PublicReason,
        TimeoutRejectedException => PublicReasons.Timeout,
        BrokenCircuitException => lastPublicCause ?? PublicReasons.Unavailable,
        HttpRequestException http => http.StatusCode is { } code ? PublicReasons.Http((int)code) : PublicReasons.ConnectionFailed,
        OperationCanceledException => PublicReasons.Cancelled,
        _ => PublicReasons.Failed,
    };

    /// <summary>"path 'x' not found (keys: a, b) · circuit open"; without a known cause, the breaker's state alone.</summary>
    public static string WithBreaker(string? lastCause) =>
        lastCause is null ? $"{CircuitOpen} after repeated failures" : $"{lastCause} · {CircuitOpen}";

    /// <summary>True for a failure the breaker made up (no upstream call), whose cause is an earlier one.</summary>
    public static bool IsBreaker(Exception exception) => exception is BrokenCircuitException;

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
