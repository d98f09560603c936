using System.Diagnostics;
using System.Threading.RateLimiting;

namespace Dashboard.Admin;

/// <summary>The rate limiter of one client address on the sign-in endpoint, for ASP.NET Core's rate-limiting middleware,
/// with its count in storage (<see cref="SignInAttemptCounter"/>). Storage cannot be asked synchronously, so an attempt
/// without waiting answers "not acquired" without counting, and the middleware then asks again asynchronously, which counts.</summary>
internal sealed class StoredSignInLimiter(SignInAttemptCounter counter, string scope, string key, int permitLimit, TimeSpan window) : RateLimiter
{
    private static readonly SignInLease Undecided = new(false, null);

    private long lastUsed = Stopwatch.GetTimestamp();

    // The partitioned limiter drops limiters idle for a while; this one holds nothing that would be lost.
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Undecided;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, Stopwatch.GetTimestamp());
        return counter.AcquireAsync(scope, key, permitLimit, window, cancellationToken);
    }
}
