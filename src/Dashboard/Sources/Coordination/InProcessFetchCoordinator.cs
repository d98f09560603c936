using System.Collections.Concurrent;

namespace Dashboard.Sources.Coordination;

/// <summary>The <see cref="IFetchCoordinator"/> for one instance: leases, back-off and publications in memory. Used by
/// default (SQLite storage is single-instance; PostgreSQL until a shared implementation is registered).</summary>
public sealed class InProcessFetchCoordinator(TimeProvider time, Func<double>? random = null) : IFetchCoordinator
{
    // States with nothing to remember are dropped now and then, so range keys nobody reads do not pile up.
    private const int SweepEvery = 1024;

    // A back-off this far past its retry time belongs to an entry nobody reads any more.
    private static readonly TimeSpan ForgetBackoffAfter = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<FetchKey, EntryState> states = new();
    private readonly Func<double> random = random ?? Random.Shared.NextDouble;
    private long leases;
    private long claims;

    /// <summary>Never raised: there is no other instance.</summary>
    public event Action<FetchKey, long>? Published
    {
        add { }
        remove { }
    }

    public ValueTask<FetchClaim> ClaimAsync(FetchKey key, FetchClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Interlocked.Increment(ref claims) % SweepEvery == 0)
        {
            Sweep();
        }

        while (true)
        {
            var state = states.GetOrAdd(key, static _ => new EntryState());
            lock (state.Gate)
            {
                if (state.Removed)
                {
                    continue;
                }

                var now = time.GetUtcNow();
                if (state.Fingerprint != request.Fingerprint)
                {
                    // The source was edited: what failed under the old settings says nothing about the new ones.
                    state.Fingerprint = request.Fingerprint;
                    state.Backoff = null;
                    state.LeaseId = 0;
                }

                if (state.Backoff is { } backoff && backoff.RetryAt > now)
                {
                    return ValueTask.FromResult(new FetchClaim { Key = key, Kind = FetchClaimKind.BackingOff, Until = backoff.RetryAt, Backoff = backoff, Request = request });
                }

                if (state.LeaseId != 0 && state.LeaseUntil > now)
                {
                    return ValueTask.FromResult(new FetchClaim { Key = key, Kind = FetchClaimKind.HeldElsewhere, Until = state.LeaseUntil, Backoff = state.Backoff, Request = request });
                }

                state.LeaseId = Interlocked.Increment(ref leases);
                state.LeaseUntil = now + request.LeaseFor;
                return ValueTask.FromResult(new FetchClaim
                {
                    Key = key,
                    Kind = FetchClaimKind.Granted,
                    Until = state.LeaseUntil,
                    Backoff = state.Backoff,
                    Request = request,
                    LeaseId = state.LeaseId,
                });
            }
        }
    }

    public ValueTask<BackoffState?> CompleteAsync(FetchClaim claim, FetchCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(completion);
        if (!states.TryGetValue(claim.Key, out var state))
        {
            return ValueTask.FromResult<BackoffState?>(null);
        }

        lock (state.Gate)
        {
            if (state.LeaseId == claim.LeaseId)
            {
                state.LeaseId = 0;
            }

            // A fetch under settings that were edited meanwhile says nothing about the new ones.
            if (state.Fingerprint != claim.Request.Fingerprint)
            {
                return ValueTask.FromResult<BackoffState?>(null);
            }

            if (completion.Succeeded)
            {
                state.Backoff = null;
                return ValueTask.FromResult<BackoffState?>(null);
            }

            var failures = (state.Backoff?.Failures ?? 0) + 1;
            var retryAt = time.GetUtcNow() + claim.Request.Backoff.Delay(failures, random());
            state.Backoff = new BackoffState(failures, retryAt, completion.Reason ?? "failed", completion.PublicReason ?? PublicReasons.Failed);
            return ValueTask.FromResult<BackoffState?>(state.Backoff);
        }
    }

    public ValueTask PublishAsync(FetchKey key, long version, CancellationToken cancellationToken)
    {
        TaskCompletionSource<long>? waiting = null;
        if (states.TryGetValue(key, out var state))
        {
            lock (state.Gate)
            {
                if (version > state.PublishedVersion)
                {
                    state.PublishedVersion = version;
                    (waiting, state.Signal) = (state.Signal, null);
                }
            }
        }

        waiting?.TrySetResult(version);
        return ValueTask.CompletedTask;
    }

    public async Task<long> WaitForPublishAsync(FetchKey key, long afterVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<long> signal;
            var state = states.GetOrAdd(key, static _ => new EntryState());
            lock (state.Gate)
            {
                if (state.Removed)
                {
                    continue;
                }

                if (state.PublishedVersion > afterVersion)
                {
                    return state.PublishedVersion;
                }

                state.Signal ??= new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                signal = state.Signal.Task;
            }

            var version = await signal.WaitAsync(cancellationToken);
            if (version > afterVersion)
            {
                return version;
            }
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, state) in states)
        {
            lock (state.Gate)
            {
                var idle = (state.LeaseId == 0 || state.LeaseUntil <= now)
                    && (state.Backoff is null || state.Backoff.RetryAt + ForgetBackoffAfter < now)
                    && state.Signal is null;
                if (idle)
                {
                    state.Removed = true;
                    states.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class EntryState
    {
        public Lock Gate { get; } = new();

        public bool Removed { get; set; }

        public string? Fingerprint { get; set; }

        public long LeaseId { get; set; }

        public DateTimeOffset LeaseUntil { get; set; }

        public BackoffState? Backoff { get; set; }

        public long PublishedVersion { get; set; }

        public TaskCompletionSource<long>? Signal { get; set; }
    }
}
