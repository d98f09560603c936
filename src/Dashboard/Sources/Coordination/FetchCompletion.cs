namespace Dashboard.Sources.Coordination;

/// <summary>How a granted fetch ended: a value stored under <see cref="Version"/>, or a failure with its reasons.</summary>
public sealed record FetchCompletion(long? Version, string? Reason, string? PublicReason)
{
    public bool Succeeded => Version is not null;

    public static FetchCompletion Success(long version) => new(version, null, null);

    public static FetchCompletion Failure(string reason, string publicReason) => new(null, reason, publicReason);
}
