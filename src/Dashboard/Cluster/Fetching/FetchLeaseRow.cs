using Dashboard.Sources.Coordination;

namespace Dashboard.Cluster.Fetching;

/// <summary>One row of <c>fetch_leases</c>: who fetches the entry until when (<see cref="LeaseId"/> 0: nobody), and its
/// back-off (<see cref="Failures"/> 0: none). <see cref="Version"/> grows with every write, so a write based on a row
/// another instance changed meanwhile is refused and decided again.</summary>
public sealed record FetchLeaseRow(
    string Key,
    long Version,
    string Fingerprint,
    string Holder,
    long LeaseId,
    DateTimeOffset LeaseUntil,
    int Failures,
    DateTimeOffset RetryAt,
    string Reason,
    string PublicReason)
{
    public BackoffState? Backoff => Failures > 0 ? new BackoffState(Failures, RetryAt, Reason, PublicReason) : null;

    public bool IsLeasedAt(DateTimeOffset now) => LeaseId != 0 && LeaseUntil > now;

    /// <summary>An entry nobody fetches and that does not back off, under <paramref name="fingerprint"/>.</summary>
    public static FetchLeaseRow Empty(string key, string fingerprint) =>
        new(key, 0, fingerprint, string.Empty, 0, DateTimeOffset.UnixEpoch, 0, DateTimeOffset.UnixEpoch, string.Empty, string.Empty);

    public FetchLeaseRow Released() => this with { LeaseId = 0, LeaseUntil = DateTimeOffset.UnixEpoch };
}
