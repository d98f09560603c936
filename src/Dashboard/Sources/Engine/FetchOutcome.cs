using Dashboard.Sources.Coordination;

namespace Dashboard.Sources.Engine;

/// <summary>The result of one shared refresh of an entry; never an exception. <paramref name="Reason"/> is the detailed
/// reason (for admins, logs, webhooks), <paramref name="PublicReason"/> the generic one anonymous viewers see;
/// <paramref name="Backoff"/> says when a failed entry is tried again.</summary>
public sealed record FetchOutcome(CachedValue? Value, string? Reason, string? PublicReason = null, BackoffState? Backoff = null)
{
    public bool Succeeded => Value is not null;

    public static FetchOutcome Success(CachedValue value) => new(value, null);

    public static FetchOutcome Failure(string reason, string publicReason, BackoffState? backoff = null) => new(null, reason, publicReason, backoff);
}
