namespace Dashboard.Sources.Engine;

/// <summary>The result of one shared refresh of a source; never an exception. <paramref name="Reason"/> is the detailed
/// reason (for admins, logs, webhooks), <paramref name="PublicReason"/> the generic one anonymous viewers see.</summary>
public sealed record FetchOutcome(CachedValue? Value, string? Reason, string? PublicReason = null)
{
    public bool Succeeded => Value is not null;

    public static FetchOutcome Success(CachedValue value) => new(value, null);

    public static FetchOutcome Failure(string reason, string publicReason) => new(null, reason, publicReason);
}
