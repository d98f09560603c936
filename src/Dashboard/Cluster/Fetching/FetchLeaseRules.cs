using Dashboard.Sources;
using Dashboard.Sources.Coordination;

namespace Dashboard.Cluster.Fetching;

/// <summary>What a claim or a completion does to an entry's lease row: the <see cref="IFetchCoordinator"/> contract,
/// as pure functions of the row read, so the SQL around them only reads and writes rows.</summary>
public static class FetchLeaseRules
{
    /// <summary>The answer to a claim, and the row to write (null: nothing changes).</summary>
    public static (FetchClaim Claim, FetchLeaseRow? Write) Claim(
        FetchLeaseRow? row, FetchKey key, FetchClaimRequest request, string holder, DateTimeOffset now, long newLeaseId)
    {
        ArgumentNullException.ThrowIfNull(request);

        // No row yet, or the source was edited: what failed under the old settings says nothing about the new ones.
        var state = row is null || row.Fingerprint != request.Fingerprint
            ? FetchLeaseRow.Empty(key.StorageKey, request.Fingerprint) with { Version = row?.Version ?? 0 }
            : row;
        if (state.Backoff is { } backoff && backoff.RetryAt > now)
        {
            return (new FetchClaim { Key = key, Kind = FetchClaimKind.BackingOff, Until = backoff.RetryAt, Backoff = backoff, Request = request }, null);
        }

        if (state.IsLeasedAt(now))
        {
            return (new FetchClaim { Key = key, Kind = FetchClaimKind.HeldElsewhere, Until = state.LeaseUntil, Backoff = state.Backoff, Request = request }, null);
        }

        var granted = state with { Holder = holder, LeaseId = newLeaseId, LeaseUntil = now + request.LeaseFor };
        var claim = new FetchClaim
        {
            Key = key,
            Kind = FetchClaimKind.Granted,
            Until = granted.LeaseUntil,
            Backoff = state.Backoff,
            Request = request,
            LeaseId = newLeaseId,
        };
        return (claim, granted);
    }

    /// <summary>The back-off after a completion, and the row to write (null: nothing changes). A success keeps a lease
    /// still held by the claim until the value is published (which releases it), at most <paramref name="publishGrace"/>
    /// more: another instance claiming between the fetch and the value's arrival in storage would fetch it again.</summary>
    /// <param name="u">Uniform in [0, 1), for the back-off's jitter.</param>
    public static (BackoffState? Backoff, FetchLeaseRow? Write) Complete(
        FetchLeaseRow? row, FetchClaim claim, FetchCompletion completion, DateTimeOffset now, TimeSpan publishGrace, double u)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(completion);
        if (row is null)
        {
            return (null, null);
        }

        var ours = row.LeaseId == claim.LeaseId;
        if (row.Fingerprint != claim.Request.Fingerprint)
        {
            // A fetch under settings that were edited meanwhile says nothing about the new ones.
            return (null, ours ? row.Released() : null);
        }

        if (completion.Succeeded)
        {
            var kept = ours && row.LeaseUntil > now + publishGrace ? row with { LeaseUntil = now + publishGrace } : row;
            var cleared = kept with { Failures = 0, RetryAt = DateTimeOffset.UnixEpoch, Reason = string.Empty, PublicReason = string.Empty };
            return (null, cleared == row ? null : cleared);
        }

        var failures = row.Failures + 1;
        var backoff = new BackoffState(
            failures,
            now + claim.Request.Backoff.Delay(failures, u),
            completion.Reason ?? "failed",
            completion.PublicReason ?? PublicReasons.Failed);
        var failed = (ours ? row.Released() : row) with
        {
            Failures = backoff.Failures,
            RetryAt = backoff.RetryAt,
            Reason = backoff.Reason,
            PublicReason = backoff.PublicReason,
        };
        return (backoff, failed);
    }
}
