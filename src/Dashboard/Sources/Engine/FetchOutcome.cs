namespace Dashboard.Sources.Engine;

/// <summary>The result of one shared refresh of a source; never an exception.</summary>
public sealed record FetchOutcome(CachedValue? Value, string? Reason)
{
    public bool Succeeded => Value is not null;

    public static FetchOutcome Success(CachedValue value) => new(value, null);

    public static FetchOutcome Failure(string reason) => new(null, reason);
}
