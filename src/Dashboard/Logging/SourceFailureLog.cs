using Dashboard.Sources;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dashboard.Logging;

/// <summary>Logs a source's failed fetches once per cause: a Warning (one line, no stack trace) when the source starts
/// failing or its reason changes, Debug for the same failure repeated, Information when it recovers. A fetch refused by
/// the open breaker, or cancelled by shutdown, is a consequence rather than a new cause: Debug. An unexpected exception
/// (a bug, not an upstream failure) is an Error with its stack trace, once per cause as well. State is per source and
/// per instance of this type (one per engine).</summary>
public sealed partial class SourceFailureLog
{
    private readonly Dictionary<string, Failing> failing = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records a failed fetch of <paramref name="source"/> and logs it as loudly as it is new.</summary>
    public void Failed(ILogger logger, string source, Exception exception, string reason, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(exception);
        var latencyMs = (long)latency.TotalMilliseconds;
        if (exception is BrokenCircuitException or OperationCanceledException)
        {
            LogConsequence(logger, source, reason);
            return;
        }

        int count;
        bool isNew;
        lock (failing)
        {
            isNew = !failing.TryGetValue(source, out var previous) || previous.Reason != reason;
            count = isNew ? 1 : previous!.Count + 1;
            failing[source] = new Failing(reason, count);
        }

        if (!isNew)
        {
            LogRepeated(logger, source, latencyMs, reason, count);
        }
        else if (IsExpected(exception))
        {
            LogFailed(logger, source, latencyMs, reason);
        }
        else
        {
            LogUnexpected(logger, exception, source, latencyMs, reason);
        }
    }

    /// <summary>Records a successful fetch: Information when the source had been failing.</summary>
    public void Succeeded(ILogger logger, string source)
    {
        Failing? previous;
        lock (failing)
        {
            if (!failing.Remove(source, out previous))
            {
                return;
            }
        }

        LogRecovered(logger, source, previous.Count);
    }

    /// <summary>Upstream failures the sources describe themselves (status, JSON, SQL, connection, timeout).</summary>
    private static bool IsExpected(Exception exception) =>
        exception is SourceFailureException or TimeoutRejectedException or HttpRequestException;

    private sealed record Failing(string Reason, int Count);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Warning, Message = "Source {Source} fetch failed after {LatencyMs} ms: {Reason}")]
    private static partial void LogFailed(ILogger logger, string source, long latencyMs, string reason);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Debug, Message = "Source {Source} fetch failed again after {LatencyMs} ms: {Reason} ({Count} in a row)")]
    private static partial void LogRepeated(ILogger logger, string source, long latencyMs, string reason, int count);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Debug, Message = "Source {Source} fetch refused or stopped: {Reason}")]
    private static partial void LogConsequence(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 4123, Level = LogLevel.Information, Message = "Source {Source} recovered after {Count} failed fetch(es)")]
    private static partial void LogRecovered(ILogger logger, string source, int count);

    [LoggerMessage(EventId = 4124, Level = LogLevel.Error, Message = "Source {Source} fetch failed unexpectedly after {LatencyMs} ms: {Reason}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string source, long latencyMs, string reason);
}
