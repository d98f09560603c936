using System.Diagnostics;
using System.Text.Json;
using Dashboard.Metrics;
using Dashboard.Sources.Coordination;
using Dashboard.Storage;
using Dashboard.TimeRanges;

namespace Dashboard.Sources.Engine;

/// <summary>One refresh of an entry, in the background (pages wait for it only up to their deadline): the stored value
/// if another instance (or this one before a restart) holds a fresh one; else the coordinator's say (fetch, back off, or
/// wait for the instance that fetches); else the upstream, through the source's pipeline. Never throws.</summary>
internal sealed class EntryRefresher(
    ISourceFactory factory,
    SourcePipelines pipelines,
    SourceStatusBoard board,
    IFetchCoordinator coordinator,
    PersistenceQueue persistence,
    StoredValues stored,
    TimeProvider time,
    StorageOptions storage,
    DashboardMetrics metrics,
    ILogger logger,
    CancellationToken stopping)
{
    // A wait for another instance's value that keeps being cut short ends up fetching here after this many claims.
    private const int MaxClaims = 3;

    private readonly Logging.SourceFailureLog failureLog = new();

    private long upstreamFetches;

    public long UpstreamFetches => Interlocked.Read(ref upstreamFetches);

    public async Task<FetchOutcome> RefreshAsync(SourceEntry entry, SourceOptions options, string fingerprint, TimeWindow window)
    {
        // A child of the read that started it (the execution context flows into Task.Run).
        using var activity = SourceTracing.Start(SourceTracing.FetchSpan, options);
        var request = new FetchClaimRequest(fingerprint, LeaseTime.For(options, storage.SharedReadWait), BackoffRule.For(options));
        var startedAt = time.GetUtcNow();
        for (var claims = 1; ; claims++)
        {
            // After waiting for another instance, its value counts even for MaxAge 0: it was fetched for this refresh.
            var newerThan = claims > 1 ? startedAt : DateTimeOffset.MaxValue;
            if ((options.MaxAge > TimeSpan.Zero || !entry.StoreChecked) && await FreshStoredAsync(entry, options, fingerprint, newerThan) is { } fresh)
            {
                activity?.SetTag(SourceTracing.OutcomeTag, "stored");
                return FetchOutcome.Success(fresh);
            }

            var claim = await ClaimAsync(entry.Key, request);
            switch (claim?.Kind)
            {
                case FetchClaimKind.BackingOff:
                    activity?.SetTag(SourceTracing.OutcomeTag, "backoff");
                    entry.Backoff = claim.Backoff;
                    return FetchOutcome.Failure(claim.Backoff!.Reason, claim.Backoff.PublicReason, claim.Backoff);
                case FetchClaimKind.HeldElsewhere when claims < MaxClaims:
                    await WaitForPublishedAsync(entry, claim);
                    continue;
                default:
                    return await FetchAsync(entry, options, fingerprint, window, claim is { Granted: true } ? claim : null, activity);
            }
        }
    }

    /// <summary>A stored value this refresh can stop at: newer than the entry's own (a value refreshed ahead by this
    /// instance is in storage too, and must not stop its next refresh) and fresh, or fetched after
    /// <paramref name="newerThan"/>.</summary>
    private async Task<CachedValue?> FreshStoredAsync(SourceEntry entry, SourceOptions options, string fingerprint, DateTimeOffset newerThan)
    {
        var held = entry.LastGood?.FetchedAt;
        var value = await stored.ReadLastGoodAsync(entry, fingerprint);
        if (value is null || value.FetchedAt <= held || (time.GetUtcNow() - value.FetchedAt >= options.MaxAge && value.FetchedAt < newerThan))
        {
            return null;
        }

        entry.Backoff = null;
        entry.RefreshAheadAt = RefreshAheadRule.Due(value.FetchedAt, options.MaxAge, TimeSpan.Zero, Random.Shared.NextDouble());
        return value;
    }

    /// <summary>The coordinator's answer, or null (fetch without a lease) when it does not answer within the shared-state wait.</summary>
    private async Task<FetchClaim?> ClaimAsync(FetchKey key, FetchClaimRequest request)
    {
        try
        {
            return await coordinator.ClaimAsync(key, request, stopping).AsTask().WaitAsync(storage.SharedReadWait, time, stopping);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug("No fetch claim for {Entry} ({Error}): fetching without one", key, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Another instance fetches: wait for its value until its lease expires (pages stop waiting at their deadline).</summary>
    private async Task WaitForPublishedAsync(SourceEntry entry, FetchClaim claim)
    {
        var known = entry.LastGood?.FetchedAt.UtcTicks ?? 0;
        using var expiry = new CancellationTokenSource(Max(claim.Until - time.GetUtcNow(), TimeSpan.Zero), time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping, expiry.Token);
        try
        {
            await coordinator.WaitForPublishAsync(entry.Key, known, waiting.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The lease expired without a value: claim again.
        }

        // The next pass reads the published value from storage.
        entry.StoreChecked = false;
    }

    private async Task<FetchOutcome> FetchAsync(SourceEntry entry, SourceOptions options, string fingerprint, TimeWindow window, FetchClaim? claim, Activity? activity)
    {
        var started = time.GetTimestamp();
        Interlocked.Increment(ref upstreamFetches);
        try
        {
            var source = entry.SourceFor(fingerprint, () => factory.Create(options));
            var result = await pipelines.Get(entry.Name).ExecuteAsync(
                static async (state, ct) => await state.source.FetchAsync(state.request, ct),
                (source, request: new SourceFetchRequest(window)),
                stopping);
            var value = new CachedValue(result.Value, time.GetUtcNow());
            var elapsed = time.GetElapsedTime(started);
            board.RecordSuccess(entry.Name, elapsed);
            metrics.RecordFetch(entry.Name, "success", elapsed);
            activity?.SetTag(SourceTracing.OutcomeTag, "success");
            failureLog.Succeeded(logger, entry.Key.StorageKey);
            if (entry.Accept(fingerprint, value, StoredValues.HistoryPoints))
            {
                entry.RefreshAheadAt = RefreshAheadRule.Due(value.FetchedAt, options.MaxAge, elapsed, Random.Shared.NextDouble());
                Persist(entry, fingerprint, value);
            }

            await CompleteAsync(claim, FetchCompletion.Success(value.FetchedAt.UtcTicks));
            return FetchOutcome.Success(value);
        }
        catch (Exception ex)
        {
            var latency = time.GetElapsedTime(started);
            var status = board.Get(entry.Name);
            var reason = FailureReasons.Describe(ex, options, status.LastCause);
            var publicReason = FailureReasons.Public(ex, status.LastPublicCause);
            board.RecordFailure(entry.Name, reason, latency, publicReason, FailureReasons.IsBreaker(ex));
            var outcome = FailureReasons.Outcome(ex);
            metrics.RecordFetch(entry.Name, outcome, latency);

            // Reasons are short and secret-free by design; exception messages are not recorded.
            activity?.SetTag(SourceTracing.OutcomeTag, outcome).SetStatus(ActivityStatusCode.Error, reason);
            LogFailure(entry, ex, latency, reason);
            var backoff = await CompleteAsync(claim, FetchCompletion.Failure(reason, publicReason))
                ?? LocalBackoff(entry, options, reason, publicReason);
            entry.Backoff = backoff;
            return FetchOutcome.Failure(reason, publicReason, backoff);
        }
    }

    /// <summary>The one place a failed fetch is logged: once per cause and entry, one line without a stack (SourceFailureLog).</summary>
    private void LogFailure(SourceEntry entry, Exception ex, TimeSpan latency, string reason) =>
        failureLog.Failed(logger, entry.Key.StorageKey, ex, reason, latency);

    private void Persist(SourceEntry entry, string fingerprint, CachedValue value)
    {
        var key = entry.Key;
        var version = value.FetchedAt.UtcTicks;
        persistence.Enqueue(new PersistenceWork.SaveLastGood(
            new LastGoodValue(key.StorageKey, fingerprint, JsonSerializer.Serialize(value.Value), value.FetchedAt),
            Written: () => PublishAsync(key, version)));
        if (key.Range is null && value.Value.Number is { } number)
        {
            persistence.Enqueue(new PersistenceWork.AppendHistory(new HistoryPoint(entry.Name, value.FetchedAt, number)));
        }
    }

    private async Task PublishAsync(FetchKey key, long version)
    {
        try
        {
            await coordinator.PublishAsync(key, version, stopping).AsTask().WaitAsync(storage.CommandTimeout, time, stopping);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Other instances then take the value from storage once the lease expires.
            logger.LogWarning("Could not announce the new value of {Entry}: {Error}", key, ex.GetType().Name);
        }
    }

    /// <summary>Ends the lease and records the result with the coordinator; null when there was no lease or it did not answer in time.</summary>
    private async Task<BackoffState?> CompleteAsync(FetchClaim? claim, FetchCompletion completion)
    {
        if (claim is null)
        {
            return null;
        }

        try
        {
            return await coordinator.CompleteAsync(claim, completion, CancellationToken.None).AsTask().WaitAsync(storage.SharedReadWait, time);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug("Fetch claim of {Entry} not completed ({Error}); its lease expires by itself", claim.Key, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>The back-off this instance applies when the coordinator could not say.</summary>
    private BackoffState LocalBackoff(SourceEntry entry, SourceOptions options, string reason, string publicReason)
    {
        var failures = (entry.Backoff?.Failures ?? 0) + 1;
        var delay = BackoffRule.For(options).Delay(failures, Random.Shared.NextDouble());
        return new BackoffState(failures, time.GetUtcNow() + delay, reason, publicReason);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
