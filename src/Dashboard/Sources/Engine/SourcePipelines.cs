using System.Collections.Concurrent;
using Dashboard.Configuration;
using Dashboard.Sources.Coordination;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Dashboard.Sources.Engine;

/// <summary>One Polly pipeline per source, built in one place and held in Polly.Extensions' registry keyed by
/// source name (its builders carry the app's TimeProvider and Polly's telemetry: resilience events in the
/// logs and on the "Polly" meter). When a source's configuration changes its reload token fires and Polly
/// rebuilds that pipeline (fresh breaker state); other sources' pipelines are untouched.
/// Http.Resilience's AddResilienceHandler does not fit: it wraps only the HTTP send of one named client,
/// whereas these pipelines bound the whole fetch (body and JSON included) of HTTP and SQL sources alike,
/// with settings per source that the admin area changes at run time.</summary>
public sealed class SourcePipelines : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> registry;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> reloadTokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDashboardConfigProvider config;
    private readonly SourceStatusBoard statusBoard;

    /// <param name="registry">Disposed by its owner (the DI container), which waits for executions in flight.</param>
    public SourcePipelines(IDashboardConfigProvider config, SourceStatusBoard statusBoard, ResiliencePipelineRegistry<string> registry)
    {
        this.config = config;
        this.statusBoard = statusBoard;
        this.registry = registry;
    }

    public ResiliencePipeline Get(string sourceName) =>
        registry.GetOrAddPipeline(sourceName, (builder, context) =>
        {
            context.AddReloadToken(ReloadToken(sourceName));
            var options = config.Current.FindSource(sourceName)
                ?? throw new InvalidOperationException($"source '{sourceName}' is not configured");
            Configure(builder, options);
        });

    /// <summary>Makes the next <see cref="Get"/> build the pipeline anew from the current configuration.</summary>
    public void Invalidate(string sourceName)
    {
        if (reloadTokens.TryRemove(sourceName, out var source))
        {
            source.Cancel();
            source.Dispose();
        }

        statusBoard.RecordBreaker(sourceName, false);
    }

    private CancellationToken ReloadToken(string sourceName) =>
        reloadTokens.GetOrAdd(sourceName, static _ => new CancellationTokenSource()).Token;

    // Polly's lower bound for a break.
    private static readonly TimeSpan MinBreak = TimeSpan.FromMilliseconds(500);

    private void Configure(ResiliencePipelineBuilder builder, SourceOptions options)
    {
        var name = options.Name;

        // Order: retry around the breaker around a per-attempt timeout, so timeouts count as
        // failures for the breaker and an open breaker is never retried.
        if (options.Retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.Retry.MaxRetries,
                Delay = options.Retry.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder()
                    .Handle<SourceFailureException>(e => e.Transient)
                    .Handle<TimeoutRejectedException>()
                    .Handle<HttpRequestException>(),
            });
        }

        if (options.CircuitBreaker.Enabled)
        {
            var backoff = BackoffRule.For(options);
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreaker.FailureRatio,
                MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                SamplingDuration = options.CircuitBreaker.SamplingDuration,
                BreakDuration = options.CircuitBreaker.BreakDuration ?? TimeSpan.FromTicks(Math.Max(backoff.First.Ticks, MinBreak.Ticks)),

                // Unless an admin set a fixed break, an open breaker lets a probe through when the back-off would retry
                // (growing with each failed probe): recovery is never held up by a fixed open period.
                BreakDurationGenerator = options.CircuitBreaker.BreakDuration is null
                    ? args => ValueTask.FromResult(backoff.Delay(args.HalfOpenAttempts + 1, Random.Shared.NextDouble()))
                    : null,
                ShouldHandle = new PredicateBuilder()
                    .Handle<SourceFailureException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<HttpRequestException>(),
                OnOpened = _ =>
                {
                    statusBoard.RecordBreaker(name, true);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    statusBoard.RecordBreaker(name, false);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    statusBoard.RecordBreaker(name, false);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.FetchTimeout });
    }

    public void Dispose()
    {
        foreach (var source in reloadTokens.Values)
        {
            source.Dispose();
        }
    }
}
