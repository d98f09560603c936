namespace Dashboard.Sources.Coordination;

/// <summary>The answer to "may this instance fetch this entry now?".</summary>
public sealed record FetchClaim
{
    public required FetchKey Key { get; init; }

    public required FetchClaimKind Kind { get; init; }

    /// <summary>Granted or HeldElsewhere: when the lease expires. BackingOff: the retry time.</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>Set when backing off (and on a grant after failures, for the next failure's count).</summary>
    public BackoffState? Backoff { get; init; }

    /// <summary>What was asked: the back-off rule applies on completion.</summary>
    public required FetchClaimRequest Request { get; init; }

    /// <summary>Identifies a granted lease, so a holder whose lease expired and was taken over cannot release the new one.</summary>
    public long LeaseId { get; init; }

    public bool Granted => Kind == FetchClaimKind.Granted;
}

public enum FetchClaimKind
{
    /// <summary>Fetch now; complete the claim when done.</summary>
    Granted,

    /// <summary>A recent failure: no fetch before <see cref="FetchClaim.Until"/>.</summary>
    BackingOff,

    /// <summary>Another instance fetches; wait for its published value until <see cref="FetchClaim.Until"/>.</summary>
    HeldElsewhere,
}

/// <param name="Fingerprint">The source's configuration: a claim under another fingerprint starts afresh (an admin's
/// fix ends the back-off at once).</param>
/// <param name="LeaseFor">How long the lease holds if never completed: the fetch's own bound (attempts × FetchTimeout
/// plus retry delays) plus a margin, so a holder that dies stalls the entry at most that long.</param>
public sealed record FetchClaimRequest(string Fingerprint, TimeSpan LeaseFor, BackoffRule Backoff);
