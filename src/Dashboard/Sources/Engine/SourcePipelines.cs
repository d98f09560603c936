using System.Collections.Concurrent;
using Dashboard.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Dashboard.Sources.Engine;

/// <summary>One Polly pipeline per source, built in one place and held in a registry keyed by source
/// name. When a source's configuration changes its reload token fires and Polly rebuilds that
/// pipeline (fresh breaker state); other sources' pipelines are untouched.</summary>
public sealed class SourcePipelines : IAsyncDisposable
{
    private readonly ResiliencePipelineRegistry<string> registry = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> reloadTokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDashboardConfigProvider config;
    private readonly SourceStatusBoard statusBoard;
    private readonly TimeProvider time;

    public SourcePipelines(IDashboardConfigProvider config, SourceStatusBoard statusBoard, TimeProvider time)
    {
        this.config = config;
        this.statusBoard = statusBoard;
        this.time = time;
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

    private void Configure(ResiliencePipelineBuilder builder, SourceOptions options)
    {
        builder.TimeProvider = time;
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
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreaker.FailureRatio,
                MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                SamplingDuration = options.CircuitBreaker.SamplingDuration,
                BreakDuration = options.CircuitBreaker.BreakDuration,
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

    /// <summary>Polly waits (on the TimeProvider) for executions still in flight before disposing; the
    /// engine is disposed first and cancels them.</summary>
    public async ValueTask DisposeAsync()
    {
        await registry.DisposeAsync();
        foreach (var source in reloadTokens.Values)
        {
            source.Dispose();
        }
    }
}
