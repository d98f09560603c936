namespace Dashboard.Sources.Coordination;

/// <summary>Decides which instance fetches a cache entry (<see cref="FetchKey"/>: a source, or a source and a time range)
/// and when a failing one may be tried again, so that instances sharing one storage database call an upstream as one
/// instance would. The engine keeps its own single flight per entry; this is the step above it.
/// <para>Contract, for every implementation:</para>
/// <list type="number">
/// <item><see cref="ClaimAsync"/> answers quickly. The engine waits at most <c>Dashboard:Storage:SharedReadWait</c> for
/// it and then fetches as if granted: a stalled coordinator never costs a page its deadline nor stops a healthy upstream
/// from being called. The answer is <see cref="FetchClaimKind.BackingOff"/> while the entry's retry time (set by a failed
/// completion under the same fingerprint) is ahead, with the last failure's reasons; <see cref="FetchClaimKind.HeldElsewhere"/>
/// while another holder's lease has not expired; else <see cref="FetchClaimKind.Granted"/>, a lease until now +
/// <see cref="FetchClaimRequest.LeaseFor"/> with a new <see cref="FetchClaim.LeaseId"/>. A claim under another
/// fingerprint (the source was edited) forgets the entry's back-off.</item>
/// <item><see cref="CompleteAsync"/> ends a granted lease (only while <see cref="FetchClaim.LeaseId"/> still holds it). A
/// failure counts one more failure in a row and sets the retry time to now + <see cref="BackoffRule.Delay"/> (with jitter),
/// keeping the reasons, and returns that state; a success clears the back-off and returns null. The back-off state is
/// the implementation's to keep: with several instances it must be shared, so N instances make the schedule's calls once.</item>
/// <item><see cref="PublishAsync"/> is called once the value is in storage (<c>last_good</c> under
/// <see cref="FetchKey.StorageKey"/>); its version is the value's fetch time in UTC ticks. Waiters of this instance
/// (<see cref="WaitForPublishAsync"/>) wake; other instances raise <see cref="Published"/>.</item>
/// <item><see cref="WaitForPublishAsync"/> completes with the first version published after <c>afterVersion</c>, or throws
/// <see cref="OperationCanceledException"/> when its token ends. Callers bound it: the engine by the lease's expiry (then
/// it claims again), pages by their render deadline.</item>
/// <item><see cref="Published"/> is raised for values another instance published (never this one's own), on a thread of
/// the implementation's choosing; handlers must be quick. The engine reads the value from storage, moves its cache on and
/// tells its live viewers.</item>
/// </list>
/// The in-process implementation (<see cref="InProcessFetchCoordinator"/>) is the default: one instance (SQLite, or
/// PostgreSQL until a shared implementation is registered). See docs/ops.md, "Fetch coordination".</summary>
public interface IFetchCoordinator
{
    ValueTask<FetchClaim> ClaimAsync(FetchKey key, FetchClaimRequest request, CancellationToken cancellationToken);

    ValueTask<BackoffState?> CompleteAsync(FetchClaim claim, FetchCompletion completion, CancellationToken cancellationToken);

    ValueTask PublishAsync(FetchKey key, long version, CancellationToken cancellationToken);

    Task<long> WaitForPublishAsync(FetchKey key, long afterVersion, CancellationToken cancellationToken);

    event Action<FetchKey, long>? Published;
}
