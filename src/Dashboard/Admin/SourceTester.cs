using System.Diagnostics;
using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Dashboard.TimeRanges;
using Polly;
using Polly.Timeout;

namespace Dashboard.Admin;

/// <summary>One fetch of a source now, outside the dashboard's cache: for the test page (through the source's own
/// pipeline) and after a save (one attempt, bounded by the fetch timeout and at most <see cref="SaveCheckBound"/>, with no
/// retry or breaker, so the reason shown is the upstream's own). Every configured secret is masked in what it returns.</summary>
public sealed class SourceTester(ISourceFactory factory, ISecretResolver secrets, TimeProvider time, ILogger<SourceTester> logger)
{
    /// <summary>How long a save waits for its test fetch at most.</summary>
    public static readonly TimeSpan SaveCheckBound = TimeSpan.FromSeconds(10);

    /// <summary>One attempt, bounded by the source's fetch timeout (at most <see cref="SaveCheckBound"/>).</summary>
    public Task<SourceTestResult> FetchOnceAsync(SourceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bound = options.FetchTimeout < SaveCheckBound ? options.FetchTimeout : SaveCheckBound;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(bound).Build();
        return FetchAsync(options, pipeline, cancellationToken);
    }

    /// <summary>One fetch through <paramref name="pipeline"/> (the test page passes the source's own), for
    /// <paramref name="window"/> (null: the default window, the last hour).</summary>
    public async Task<SourceTestResult> FetchAsync(SourceOptions options, ResiliencePipeline pipeline, CancellationToken cancellationToken, TimeWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipeline);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var fetcher = factory.Create(options);
            var result = await pipeline.ExecuteAsync(async ct => await fetcher.FetchAsync(window is null ? SourceFetchRequest.Default(time) : new SourceFetchRequest(window), ct), cancellationToken);
            return new SourceTestResult(null, null, Stopwatch.GetElapsedTime(started), result.Value, result.RawPreview is { } raw ? secrets.Redact(raw) : null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var latency = Stopwatch.GetElapsedTime(started);
            if (ex is not SourceFailureException)
            {
                logger.LogInformation(ex, "Test fetch of {Source} failed", options.Name);
            }

            var reason = ex is TimeoutRejectedException timeout ? $"timeout after {FailureReasons.Format(timeout.Timeout)}" : FailureReasons.Describe(ex, options);
            return new SourceTestResult(secrets.Redact(reason), FailureReasons.Public(ex), latency, null, null);
        }
    }
}
