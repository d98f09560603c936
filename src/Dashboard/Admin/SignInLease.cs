using System.Threading.RateLimiting;

namespace Dashboard.Admin;

/// <summary>The answer for one sign-in attempt: allowed, or refused with how long to wait (Retry-After).</summary>
internal sealed class SignInLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
{
    public static SignInLease Allowed { get; } = new(true, null);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = retryAfter;
        return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
    }
}
