using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Metrics;
using Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Sources.Engine;

/// <summary>Serves source values to pages: fresh from cache, or through one shared refresh per source
/// (single flight) that the page waits for only up to the source's render deadline. The refresh
/// itself is bounded by the fetch timeout and keeps running after pages stop waiting, so a slow
/// source still refreshes the cache. Failures fall back to the last good value, marked stale.</summary>
public sealed class SourceEngine : IDisposable
{
    private const int HistoryPoints = 30;

    private readonly ConcurrentDictionary<string, SourceEntry> entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDashboardConfigProvider config;
    private readonly ISourceFactory factory;
    private readonly SourcePipelines pipelines;
    private readonly SourceStatusBoard statusBoard;
    private readonly IDashboardStore store;
    private readonly PersistenceQueue persistence;
    private readonly TimeProvider time;
    private readonly StorageOptions storageOptions;
    private readonly ILogger<SourceEngine> logger;
    private readonly DashboardMetrics metrics;
    private readonly CancellationTokenSource stopping = new();
    private readonly Logging.SourceFailureLog failureLog = new();

    public SourceEngine(
        IDashboardConfigProvider config,
        ISourceFactory factory,
        SourcePipelines pipelines,
        SourceStatusBoard statusBoard,
        IDashboardStore store,
        PersistenceQueue persistence,
        TimeProvider time,
        IOptions<StorageOptions> storageOptions,
        DashboardMetrics metrics,
        ILogger<SourceEngine> logger)
    {
        this.config = config;
        this.factory = factory;
        this.pipelines = pipelines;
        this.statusBoard = statusBoard;
        this.store = store;
        this.persistence = persistence;
        this.time = time;
        this.storageOptions = storageOptions.Value;
        this.logger = logger;
        this.metrics = metrics;
        config.Changed += OnConfigChanged;
    }

    /// <summary>Counts upstream fetches started (for tests and the benchmark's calls-per-view).</summary>
    public long UpstreamFetches => Interlocked.Read(ref upstreamFetches);

    private long upstreamFetches;

    /// <summary>Raised with the source's name when one of its refreshes has finished with a new value, or with a failure
    /// other than the one announced last (what its panels show changed). A failure repeated as it was is not raised
    /// again: viewers refreshing on it would read the source again, fail again at once, and loop. Raised on the refreshing thread, so handlers must be quick, must not
    /// block and should not throw (a throwing handler is logged, and the refresh's result stands).</summary>
    public event Action<string>? Refreshed;

    /// <summary>Age of the cached value of a source, or null when none is cached. For health reporting:
    /// reads memory only, never storage or the upstream.</summary>
    public TimeSpan? CacheAge(string sourceName) =>
        entries.TryGetValue(sourceName, out var entry) && entry.LastGood is { } cached ? time.GetUtcNow() - cached.FetchedAt : null;

    /// <summary>The value a panel should show now. Never throws for source failures; throws
    /// OperationCanceledException only when the viewer went away.</summary>
    /// <param name="keptFreshEvery">Set (to <c>Dashboard:Live:MinInterval</c>) for a live refresh: a page rendered again
    /// because a watched source changed. The live refresher keeps every watched source refreshed at least that often,
    /// so such a read never starts a fetch once a last good value exists: the value counts as fresh while younger than
    /// the longer of <c>MaxAge</c> and this interval, and older it is shown stale ("refreshing", or the last refresh's
    /// failure) until the refresher's next value announces itself. Starting fetches here would loop (each refresh's
    /// announcement re-renders every viewer, whose reads of a MaxAge 0 source would start the next one) and would make
    /// an update wait up to the render deadline for an unrelated source that just went stale.</param>
    public async Task<SourceReading> ReadAsync(string sourceName, CancellationToken viewerAborted, TimeSpan? keptFreshEvery = null)
    {
        var snapshot = config.Current;
        if (snapshot.FindSource(sourceName) is not { } options || snapshot.FingerprintOf(sourceName) is not { } fingerprint)
        {
            return SourceReading.Unavailable(sourceName, $"unknown source '{sourceName}'", PublicReasons.Configuration);
        }

        using var activity = SourceTracing.Start(SourceTracing.ReadSpan, options);
        var reading = await ReadAsync(Entry(sourceName, fingerprint), options, fingerprint, activity, keptFreshEvery, viewerAborted);
        activity?.SetTag(SourceTracing.ReadingTag, reading.State.ToString().ToLowerInvariant());
        return reading;
    }

    private async Task<SourceReading> ReadAsync(SourceEntry entry, SourceOptions options, string fingerprint, Activity? activity, TimeSpan? keptFreshEvery, CancellationToken viewerAborted)
    {
        var cached = entry.LastGood;
        var freshFor = keptFreshEvery is { } every && every > options.MaxAge ? every : options.MaxAge;
        if (cached is not null && time.GetUtcNow() - cached.FetchedAt < freshFor)
        {
            RecordCache(entry, "hit", activity);
            return Fresh(entry, cached);
        }

        if (keptFreshEvery is not null && cached is not null)
        {
            // A live refresh: the live refresher fetches (or is fetching) the next value; show the last good one now.
            RecordCache(entry, "live", activity);
            return entry.InFlight is not { IsCompleted: false } && entry.LastOutcome is { Succeeded: false } failed
                ? Fallback(entry, failed.Reason ?? PublicReasons.Failed, failed.PublicReason ?? PublicReasons.Failed)
                : Fallback(entry, PublicReasons.Refreshing, PublicReasons.Refreshing);
        }

        var refresh = StartOrJoinRefresh(entry, options, fingerprint, activity);
        FetchOutcome outcome;
        try
        {
            outcome = await refresh.WaitAsync(options.RenderDeadline, time, viewerAborted);
        }
        catch (TimeoutException)
        {
            return Fallback(entry, $"timeout: no answer within {FailureReasons.Format(options.RenderDeadline)}", PublicReasons.Timeout);
        }

        return outcome.Value is { } value
            ? Fresh(entry, value)
            : Fallback(entry, outcome.Reason ?? PublicReasons.Failed, outcome.PublicReason ?? PublicReasons.Failed);
    }

    private void RecordCache(SourceEntry entry, string result, Activity? activity)
    {
        metrics.RecordCache(entry.Name, result);
        activity?.SetTag(SourceTracing.CacheTag, result);
    }

    private SourceEntry Entry(string name, string fingerprint)
    {
        var entry = entries.GetOrAdd(name, static n => new SourceEntry(n));
        entry.EnsureFingerprint(fingerprint);
        return entry;
    }

    private Task<FetchOutcome> StartOrJoinRefresh(SourceEntry entry, SourceOptions options, string fingerprint, Activity? activity)
    {
        lock (entry.Gate)
        {
            if (entry.InFlight is { IsCompleted: false } && entry.InFlightFingerprint == fingerprint)
            {
                RecordCache(entry, "joined", activity);
                return entry.InFlight!;
            }

            RecordCache(entry, "miss", activity);

            // Task.Run detaches the refresh from the viewer's request: it must outlive the page.
            var refresh = Task.Run(() => RefreshAndAnnounceAsync(entry, options, fingerprint));
            entry.InFlight = refresh;
            entry.InFlightFingerprint = fingerprint;
            return refresh;
        }
    }

    private async Task<FetchOutcome> RefreshAndAnnounceAsync(SourceEntry entry, SourceOptions options, string fingerprint)
    {
        var outcome = await RefreshAsync(entry, options, fingerprint);
        entry.LastOutcome = outcome;
        var shown = outcome.Value is { } value ? $"value {value.FetchedAt.UtcTicks}" : $"failure {outcome.Reason}";
        if (!entry.Announce(shown))
        {
            return outcome;
        }

        try
        {
            Refreshed?.Invoke(entry.Name);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A handler of source {Source}'s refresh failed", entry.Name);
        }

        return outcome;
    }

    private async Task<FetchOutcome> RefreshAsync(SourceEntry entry, SourceOptions options, string fingerprint)
    {
        // A child of the read that started it (the execution context flows into Task.Run).
        using var activity = SourceTracing.Start(SourceTracing.FetchSpan, options);

        // Another instance (or this one before a restart) may already hold a newer value.
        if (options.MaxAge > TimeSpan.Zero || !entry.StoreChecked)
        {
            var stored = await LoadSharedStateAsync(entry, fingerprint);
            if (stored is not null && time.GetUtcNow() - stored.FetchedAt < options.MaxAge)
            {
                activity?.SetTag(SourceTracing.OutcomeTag, "stored");
                return FetchOutcome.Success(stored);
            }
        }

        var started = time.GetTimestamp();
        Interlocked.Increment(ref upstreamFetches);
        try
        {
            var source = entry.SourceFor(fingerprint, () => factory.Create(options));
            var result = await pipelines.Get(entry.Name).ExecuteAsync(
                static async (source, ct) => await source.FetchAsync(ct),
                source,
                stopping.Token);
            var value = new CachedValue(result.Value, time.GetUtcNow());
            var elapsed = time.GetElapsedTime(started);
            statusBoard.RecordSuccess(entry.Name, elapsed);
            metrics.RecordFetch(entry.Name, "success", elapsed);
            activity?.SetTag(SourceTracing.OutcomeTag, "success");
            failureLog.Succeeded(logger, entry.Name);
            if (entry.Accept(fingerprint, value, HistoryPoints))
            {
                persistence.Enqueue(new PersistenceWork.SaveLastGood(
                    new LastGoodValue(entry.Name, fingerprint, JsonSerializer.Serialize(value.Value), value.FetchedAt)));
                if (value.Value.Number is { } number)
                {
                    persistence.Enqueue(new PersistenceWork.AppendHistory(new HistoryPoint(entry.Name, value.FetchedAt, number)));
                }
            }

            return FetchOutcome.Success(value);
        }
        catch (Exception ex)
        {
            var reason = FailureReasons.Describe(ex, options);
            var latency = time.GetElapsedTime(started);
            statusBoard.RecordFailure(entry.Name, reason, latency);
            var outcome = FailureReasons.Outcome(ex);
            metrics.RecordFetch(entry.Name, outcome, latency);

            // Reasons are short and secret-free by design; exception messages are not recorded.
            activity?.SetTag(SourceTracing.OutcomeTag, outcome).SetStatus(ActivityStatusCode.Error, reason);
            failureLog.Failed(logger, entry.Name, ex, reason, latency);

            return FetchOutcome.Failure(reason, FailureReasons.Public(ex));
        }
    }

    private async Task<CachedValue?> LoadSharedStateAsync(SourceEntry entry, string fingerprint)
    {
        using var timeout = new CancellationTokenSource(storageOptions.CommandTimeout, time);
        try
        {
            if (!entry.HistoryLoaded)
            {
                var history = await store.GetHistoryAsync(entry.Name, HistoryPoints, timeout.Token);
                entry.LoadHistory(history);
            }

            var stored = await store.GetLastGoodAsync(entry.Name, timeout.Token);
            entry.StoreChecked = true;
            if (stored is null || stored.Fingerprint != fingerprint)
            {
                return null;
            }

            var value = JsonSerializer.Deserialize<SourceValue>(stored.ValueJson);
            if (value is null)
            {
                return null;
            }

            var cached = new CachedValue(value, stored.FetchedAt);
            entry.Adopt(fingerprint, cached);
            return cached;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storage trouble must not stop a refresh: fetch upstream instead.
            logger.LogWarning(ex, "Could not read stored state of source {Source}", entry.Name);
            return null;
        }
    }

    private static SourceReading Fresh(SourceEntry entry, CachedValue value) => new()
    {
        SourceName = entry.Name,
        State = ReadingState.Fresh,
        Value = value.Value,
        FetchedAt = value.FetchedAt,
        History = entry.History,
    };

    private static SourceReading Fallback(SourceEntry entry, string reason, string publicReason) => entry.LastGood is { } last
        ? new SourceReading
        {
            SourceName = entry.Name,
            State = ReadingState.Stale,
            Value = last.Value,
            FetchedAt = last.FetchedAt,
            Reason = reason,
            PublicReason = publicReason,
            History = entry.History,
        }
        : SourceReading.Unavailable(entry.Name, reason, publicReason);

    private void OnConfigChanged(DashboardConfig previous, DashboardConfig next)
    {
        // Only sources whose configuration changed (or that went away) lose their pipeline and cache.
        foreach (var name in previous.Options.Sources.Keys)
        {
            if (previous.FingerprintOf(name) != next.FingerprintOf(name))
            {
                pipelines.Invalidate(name);
                statusBoard.Reset(name);
                entries.TryRemove(name, out _);
            }
        }
    }

    public void Dispose()
    {
        config.Changed -= OnConfigChanged;
        // Cancelled, not disposed (it holds no timer): a request finishing during shutdown may still read its token.
        stopping.Cancel();
    }
}
