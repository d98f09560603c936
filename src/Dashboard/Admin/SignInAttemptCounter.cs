using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Dashboard.Storage;

namespace Dashboard.Admin;

/// <summary>Counts sign-in attempts in storage (<see cref="IDashboardStore.RecordSignInAttemptAsync"/>), per client address
/// and per user name over a sliding window (<see cref="SlidingAttemptLimit"/>), so that N instances allow the configured
/// number of tries, not N times it. Keys are stored hashed: a user name field sometimes holds a mistyped password. When storage cannot be reached the count falls back to this
/// instance's memory (the limit then holds per instance) rather than refusing every sign-in or allowing unlimited ones.</summary>
public sealed class SignInAttemptCounter : IDisposable
{
    // Sliding like the stored count, so a burst across a boundary gets no fresh allowance there either.
    private const int FallbackSegments = 6;

    private readonly IDashboardStore store;
    private readonly TimeProvider time;
    private readonly ILogger<SignInAttemptCounter> logger;
    private readonly PartitionedRateLimiter<Limit> fallback;

    public SignInAttemptCounter(IDashboardStore store, TimeProvider time, ILogger<SignInAttemptCounter> logger)
    {
        this.store = store;
        this.time = time;
        this.logger = logger;
        fallback = PartitionedRateLimiter.Create<Limit, string>(limit => RateLimitPartition.GetSlidingWindowLimiter(limit.Key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            SegmentsPerWindow = FallbackSegments,
            QueueLimit = 0,
        }));
    }

    /// <summary>Counts an attempt for <paramref name="key"/> in <paramref name="scope"/> ("address", "user"); not acquired
    /// when the window already held <paramref name="permitLimit"/> attempts.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(string scope, string key, int permitLimit, TimeSpan window, CancellationToken cancellationToken)
    {
        var limitKey = LimitKey(scope, key);
        var now = time.GetUtcNow();
        try
        {
            var attempt = await store.RecordSignInAttemptAsync(limitKey, now, window, cancellationToken);
            if (SlidingAttemptLimit.Allows(attempt.Earlier.Count, permitLimit))
            {
                return SignInLease.Allowed;
            }

            // Refused attempts do not count: a client that keeps trying is held to the limit, not shut out for as long
            // as it keeps trying (the limiters of System.Threading.RateLimiting do the same).
            await store.ForgetSignInAttemptAsync(attempt.Id, cancellationToken);
            return new SignInLease(false, SlidingAttemptLimit.RetryAfter(attempt.Earlier, permitLimit, window, now));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not count a sign-in attempt in storage; counting on this instance only until it answers again");
            return fallback.AttemptAcquire(new Limit(limitKey, permitLimit, window));
        }
    }

    /// <summary>The stored key: the scope and a SHA-256 of the key (128 bits are plenty to keep keys apart).</summary>
    public static string LimitKey(string scope, string key) =>
        scope + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    public void Dispose() => fallback.Dispose();

    private readonly record struct Limit(string Key, int PermitLimit, TimeSpan Window);
}
