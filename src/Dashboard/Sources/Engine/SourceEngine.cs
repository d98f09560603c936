using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Dashboard.Configuration;
using Dashboard.Metrics;
using Dashboard.Sources.Coordination;
using Dashboard.Sources.Ranges;
using Dashboard.Storage;
using Dashboard.TimeRanges;
using Microsoft.Extensions.Options;

namespace Dashboard.Sources.Engine;

/// <summary>Serves source values to pages. Each entry (a source, or a source and a time range for a source that uses the
/// range) is served fresh from cache, or through one shared refresh (single flight) that a page waits for only up to the
/// source's render deadline, counted from the refresh's start: a page arriving at a refresh that has run longer gets the
/// fallback at once. The refresh itself is bounded by the fetch timeout and keeps running after pages stop waiting.
/// Failures fall back to the last good value, marked stale, and back off: no call before the retry time, whatever the
/// number of viewers. Entries being read are refreshed ahead of expiry (<see cref="RefreshAhead"/>).</summary>
public sealed class SourceEngine : IDisposable
{
    private readonly ConcurrentDictionary<FetchKey, SourceEntry> entries = new();
    private readonly ConditionalWeakTable<SourceOptions, StrongBox<bool>> usesRange = [];
    private readonly IDashboardConfigProvider config;
    private readonly SourcePipelines pipelines;
    private readonly SourceStatusBoard statusBoard;
    private readonly ITimeWindowRenewer windows;
    private readonly TimeProvider time;
    private readonly ILogger<SourceEngine> logger;
    private readonly DashboardMetrics metrics;
    private readonly StoredValues stored;
    private readonly EntryRefresher refresher;
    private readonly IFetchCoordinator coordinator;
    private readonly CancellationTokenSource stopping = new();

    public SourceEngine(
        IDashboardConfigProvider config,
        ISourceFactory factory,
        SourcePipelines pipelines,
        SourceStatusBoard statusBoard,
        IDashboardStore store,
        PersistenceQueue persistence,
        IFetchCoordinator coordinator,
        ITimeWindowRenewer windows,
        TimeProvider time,
        IOptions<StorageOptions> storageOptions,
        DashboardMetrics metrics,
        ILogger<SourceEngine> logger)
    {
        this.config = config;
        this.pipelines = pipelines;
        this.statusBoard = statusBoard;
        this.windows = windows;
        this.time = time;
        this.logger = logger;
        this.metrics = metrics;
        stored = new StoredValues(store, time, storageOptions.Value, logger);
        refresher = new EntryRefresher(factory, pipelines, statusBoard, coordinator, persistence, stored, time, storageOptions.Value, metrics, logger, stopping.Token);
        this.coordinator = coordinator;
        config.Changed += OnConfigChanged;
        coordinator.Published += OnPublished;
    }

    /// <summary>Counts upstream fetches started (for tests and the benchmark's calls-per-view).</summary>
    public long UpstreamFetches => refresher.UpstreamFetches;

    /// <summary>Raised with the source's name when one of its refreshes has finished with a new value, or with a failure
    /// other than the one announced last (what its panels show changed). A failure repeated as it was is not raised
    /// again: viewers refreshing on it would read the source again, fail again at once, and loop. Raised on the refreshing thread, so handlers must be quick, must not
    /// block and should not throw (a throwing handler is logged, and the refresh's result stands).</summary>
    public event Action<string>? Refreshed;

    /// <summary>Age of the newest cached value of a source (over its time ranges), or null when none is cached. For
    /// health reporting: reads memory only, never storage or the upstream.</summary>
    public TimeSpan? CacheAge(string sourceName)
    {
        DateTimeOffset? newest = null;
        foreach (var entry in EntriesOf(sourceName))
        {
            if (entry.LastGood is { } cached && (newest is null || cached.FetchedAt > newest))
            {
                newest = cached.FetchedAt;
            }
        }

        return newest is { } at ? time.GetUtcNow() - at : null;
    }

    /// <summary>The value a panel should show now. Never throws for source failures; throws
    /// OperationCanceledException only when the viewer went away.</summary>
    /// <param name="keptFreshEvery">Set (to <c>Dashboard:Live:MinInterval</c>) for a live refresh: a page rendered again
    /// because a watched source changed. Live viewers keep every watched source refreshed at least that often
    /// (<see cref="RefreshAhead"/>), so such a read never starts a fetch once a last good value exists: the value counts as
    /// fresh while younger than the longer of <c>MaxAge</c> and this interval, and older it is shown stale ("refreshing",
    /// or the last refresh's failure) until the next value announces itself. Starting fetches here would loop (each
    /// refresh's announcement re-renders every viewer, whose reads of a MaxAge 0 source would start the next one).</param>
    /// <param name="window">The dashboard's time range; null for the default one (<see cref="DefaultTimeWindow"/>). A
    /// source that does not use the range has one entry whatever the window.</param>
    public async Task<SourceReading> ReadAsync(string sourceName, CancellationToken viewerAborted, TimeSpan? keptFreshEvery = null, TimeWindow? window = null)
    {
        var snapshot = config.Current;
        if (snapshot.FindSource(sourceName) is not { } options || snapshot.FingerprintOf(sourceName) is not { } fingerprint)
        {
            return SourceReading.Unavailable(sourceName, $"unknown source '{sourceName}'", PublicReasons.Configuration);
        }

        using var activity = SourceTracing.Start(SourceTracing.ReadSpan, options);
        var now = time.GetUtcNow();
        var entry = EntryFor(options, fingerprint, window ?? DefaultTimeWindow.At(now));
        entry.NoteRead(now);
        var reading = await ReadAsync(entry, options, fingerprint, activity, keptFreshEvery, viewerAborted);
        activity?.SetTag(SourceTracing.ReadingTag, reading.State.ToString().ToLowerInvariant());
        return reading;
    }

    /// <summary>Whether values of the source depend on the time range (cached per configuration snapshot's options).</summary>
    public bool UsesRange(SourceOptions options) =>
        usesRange.GetValue(options, static o => new StrongBox<bool>(TimeRangePlaceholders.UsesRange(o))).Value;

    private async Task<SourceReading> ReadAsync(SourceEntry entry, SourceOptions options, string fingerprint, Activity? activity, TimeSpan? keptFreshEvery, CancellationToken viewerAborted)
    {
        var now = time.GetUtcNow();
        var cached = entry.LastGood;
        var freshFor = keptFreshEvery is { } every && every > options.MaxAge ? every : options.MaxAge;
        if (cached is not null && now - cached.FetchedAt < freshFor)
        {
            RecordCache(entry, "hit", activity);
            return EntryReadings.Fresh(entry, cached);
        }

        if (keptFreshEvery is not null && cached is not null)
        {
            // A live refresh: refresh-ahead fetches (or is fetching) the next value; show the last good one now.
            RecordCache(entry, "live", activity);
            return entry.InFlight is not { IsCompleted: false } && entry.LastOutcome is { Succeeded: false } failed
                ? EntryReadings.Fallback(entry, failed.Reason ?? PublicReasons.Failed, failed.PublicReason ?? PublicReasons.Failed, entry.Backoff?.RetryAt)
                : EntryReadings.Fallback(entry, PublicReasons.Refreshing, PublicReasons.Refreshing);
        }

        if (StartOrJoinRefresh(entry, options, fingerprint, activity) is not { } refresh)
        {
            // Backing off after a failure: no call before the retry time, and no wait.
            var backoff = entry.Backoff!;
            RecordCache(entry, "backoff", activity);
            return EntryReadings.Fallback(entry, backoff.Reason, backoff.PublicReason, backoff.RetryAt);
        }

        // Counted from the refresh's start: a page joining a refresh that already ran past the deadline waits no more.
        var budget = options.RenderDeadline - (now - refresh.StartedAt);
        var task = refresh.Task;
        if (!task.IsCompleted)
        {
            if (budget <= TimeSpan.Zero)
            {
                return TimedOut(entry, options);
            }

            // Awaited without throwing: a slow source passes its deadline on many pages, and a thrown and caught
            // TimeoutException per panel was a measurable share of a fresh page's CPU (bench/README.md, issue 15).
            task = task.WaitAsync(budget, time, viewerAborted);
            await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        if (task.Exception?.InnerException is TimeoutException)
        {
            return TimedOut(entry, options);
        }

        // Anything else (the viewer left, a failed refresh) surfaces as it did before.
        var outcome = await task;
        return outcome.Value is { } value
            ? EntryReadings.Fresh(entry, value)
            : EntryReadings.Fallback(entry, outcome.Reason ?? PublicReasons.Failed, outcome.PublicReason ?? PublicReasons.Failed, outcome.Backoff?.RetryAt);
    }

    private static SourceReading TimedOut(SourceEntry entry, SourceOptions options) =>
        EntryReadings.Fallback(entry, $"timeout: no answer within {FailureReasons.Format(options.RenderDeadline)}", PublicReasons.Slow);

    private void RecordCache(SourceEntry entry, string result, Activity? activity)
    {
        metrics.RecordCache(entry.Name, result);
        activity?.SetTag(SourceTracing.CacheTag, result);
    }

    private SourceEntry EntryFor(SourceOptions options, string fingerprint, TimeWindow window)
    {
        var key = new FetchKey(options.Name, UsesRange(options) ? window.Key : null);
        var entry = entries.GetOrAdd(key, static (k, w) => new SourceEntry(k, w), window);
        entry.EnsureFingerprint(fingerprint);
        entry.Window = window;
        stored.StartHistoryLoad(entry);
        return entry;
    }

    private IEnumerable<SourceEntry> EntriesOf(string sourceName) =>
        entries.Where(e => string.Equals(e.Key.Source, sourceName, StringComparison.OrdinalIgnoreCase)).Select(e => e.Value);

    /// <summary>The running refresh (joined) or a new one, with when it started; null while backing off.</summary>
    private (Task<FetchOutcome> Task, DateTimeOffset StartedAt)? StartOrJoinRefresh(SourceEntry entry, SourceOptions options, string fingerprint, Activity? activity)
    {
        lock (entry.Gate)
        {
            if (entry.InFlight is { IsCompleted: false } running && entry.InFlightFingerprint == fingerprint)
            {
                RecordCache(entry, "joined", activity);
                return (running, entry.InFlightStartedAt);
            }

            if (entry.Backoff is { } backoff && backoff.RetryAt > time.GetUtcNow())
            {
                return null;
            }

            RecordCache(entry, "miss", activity);
            return (StartRefresh(entry, options, fingerprint), entry.InFlightStartedAt);
        }
    }

    /// <summary>Starts a refresh; the caller holds the entry's gate and knows none runs.</summary>
    private Task<FetchOutcome> StartRefresh(SourceEntry entry, SourceOptions options, string fingerprint)
    {
        var window = entry.Window;

        // Task.Run detaches the refresh from the viewer's request: it must outlive the page.
        var refresh = Task.Run(() => RefreshAndAnnounceAsync(entry, options, fingerprint, window));
        entry.InFlight = refresh;
        entry.InFlightFingerprint = fingerprint;
        entry.InFlightStartedAt = time.GetUtcNow();
        return refresh;
    }

    private async Task<FetchOutcome> RefreshAndAnnounceAsync(SourceEntry entry, SourceOptions options, string fingerprint, TimeWindow window)
    {
        var outcome = await refresher.RefreshAsync(entry, options, fingerprint, window);
        Announce(entry, outcome);
        return outcome;
    }

    /// <summary>Records what the entry shows now and tells the live viewers, unless that was announced already.</summary>
    private void Announce(SourceEntry entry, FetchOutcome outcome)
    {
        entry.LastOutcome = outcome;
        var shown = outcome.Value is { } value ? $"value {value.FetchedAt.UtcTicks}" : $"failure {outcome.Reason}";
        if (!entry.Announce(shown))
        {
            return;
        }

        try
        {
            Refreshed?.Invoke(entry.Name);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A handler of source {Source}'s refresh failed", entry.Name);
        }
    }

    /// <summary>Another instance stored a new value of an entry: one this instance holds (someone reads it here) moves on
    /// to it and its live viewers are told, without a fetch; the fetching instance refreshes it ahead
    /// (<see cref="RefreshAheadRule.DueAdopted"/>).</summary>
    private void OnPublished(FetchKey key, long version)
    {
        if (entries.TryGetValue(key, out var entry) && (entry.LastGood?.FetchedAt.ToUnixTimeMilliseconds() ?? 0) < new DateTimeOffset(version, TimeSpan.Zero).ToUnixTimeMilliseconds())
        {
            _ = AdoptPublishedAsync(entry, version);
        }
    }

    private async Task AdoptPublishedAsync(SourceEntry entry, long version)
    {
        var snapshot = config.Current;
        if (snapshot.FindSource(entry.Name) is not { } options || snapshot.FingerprintOf(entry.Name) is not { } fingerprint)
        {
            return;
        }

        // Read (and adopted) within SharedReadWait, or not at all: the entry's next refresh reads storage anyway.
        // Adopted only if newer than what is held (storage keeps whole milliseconds: the version may be finer).
        if (await stored.ReadLastGoodAsync(entry, fingerprint) is not { } value || !ReferenceEquals(entry.LastGood, value))
        {
            return;
        }

        entry.Backoff = null;
        entry.RefreshAheadAt = RefreshAheadRule.DueAdopted(value.FetchedAt, options.MaxAge);
        Announce(entry, FetchOutcome.Success(value));
    }

    /// <summary>One refresh-ahead pass (<see cref="RefreshAheadService"/> runs it every quarter second): marks the standing
    /// interests as read, starts a background refresh of every entry that is due, and forgets range entries nobody read for
    /// a while. Due: a value read since it was fetched, past <see cref="RefreshAheadRule.Due"/> (MaxAge 0 values only for
    /// live viewers, once per their interval); or a failing entry read since its last try, at its retry time; or an entry
    /// live viewers watch that has no value yet. Nothing else is ever fetched in the background. Returns the refreshes it
    /// started (tests await them).</summary>
    public IReadOnlyList<Task> RefreshAhead(IEnumerable<ReadInterest> standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        var snapshot = config.Current;
        var now = time.GetUtcNow();
        foreach (var interest in standing)
        {
            if (snapshot.FindSource(interest.Source) is { } options && snapshot.FingerprintOf(interest.Source) is { } fingerprint)
            {
                var window = interest.Window ?? DefaultTimeWindow.At(now);
                var entry = EntryFor(options, fingerprint, window);
                entry.NoteRead(now);
                entry.NoteLive(now + RefreshAheadService.Interval + RefreshAheadService.Interval, interest.MinInterval);
            }
        }

        var started = new List<Task>();
        foreach (var (key, entry) in entries)
        {
            if (snapshot.FindSource(key.Source) is not { } options || snapshot.FingerprintOf(key.Source) is not { } fingerprint)
            {
                continue;
            }

            if (key.Range is not null && entry.InFlight is not { IsCompleted: false } && now - entry.LastReadAt > RefreshAheadSchedule.ForgetAfter(options))
            {
                entries.TryRemove(new KeyValuePair<FetchKey, SourceEntry>(key, entry));
                continue;
            }

            lock (entry.Gate)
            {
                if (entry.InFlight is not { IsCompleted: false } && RefreshAheadSchedule.IsDue(entry, options, now))
                {
                    entry.Window = windows.Renew(entry.Window, now);
                    metrics.RecordCache(entry.Name, "ahead");
                    started.Add(StartRefresh(entry, options, fingerprint));
                }
            }
        }

        return started;
    }

    private void OnConfigChanged(DashboardConfig previous, DashboardConfig next)
    {
        // Only sources whose configuration changed (or that went away) lose their pipeline and cache.
        foreach (var name in previous.Options.Sources.Keys)
        {
            if (previous.FingerprintOf(name) != next.FingerprintOf(name))
            {
                pipelines.Invalidate(name);
                statusBoard.Reset(name);
                foreach (var key in entries.Keys.Where(k => string.Equals(k.Source, name, StringComparison.OrdinalIgnoreCase)))
                {
                    entries.TryRemove(key, out _);
                }
            }
        }
    }

    public void Dispose()
    {
        config.Changed -= OnConfigChanged;
        coordinator.Published -= OnPublished;
        // Cancelled, not disposed (it holds no timer): a request finishing during shutdown may still read its token.
        stopping.Cancel();
    }
}
