using System.Threading.RateLimiting;
using Dashboard.Admin;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Admin;

/// <summary>The stored sign-in count over a sliding window: a burst timed across a minute boundary (the CI failure of
/// stop 20, where fixed windows let four attempts in two seconds through) is refused like any other burst.</summary>
public sealed class SignInAttemptCounterTests
{
    private static readonly DateTimeOffset JustBeforeNoon = new(2026, 3, 1, 11, 59, 59, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Attempts_straddling_a_window_boundary_count_against_one_limit()
    {
        var time = new FakeTimeProvider(JustBeforeNoon);
        using var counter = new SignInAttemptCounter(new InMemoryDashboardStore(), time, NullLogger<SignInAttemptCounter>.Instance);

        await UseTheLimitAsync(counter);
        time.Advance(TimeSpan.FromSeconds(2));
        using var refused = await AttemptAsync(counter);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));

        // Allowed again once the first of the three has left the window, a minute after it; trying meanwhile is
        // refused without pushing that moment further out.
        Assert.Equal(TimeSpan.FromSeconds(58), Assert.IsType<TimeSpan>(retryAfter));
        time.Advance(TimeSpan.FromSeconds(30));
        using var again = await AttemptAsync(counter);
        Assert.True(again.TryGetMetadata(MetadataName.RetryAfter, out var rest));
        Assert.Equal(TimeSpan.FromSeconds(28), Assert.IsType<TimeSpan>(rest));
        time.Advance(TimeSpan.FromSeconds(28));
        Assert.True((await AttemptAsync(counter)).IsAcquired);
    }

    [Fact]
    public async Task Without_storage_the_instance_still_limits_on_its_own()
    {
        var time = new FakeTimeProvider(JustBeforeNoon);
        using var counter = new SignInAttemptCounter(new UnreachableStore(), time, NullLogger<SignInAttemptCounter>.Instance);

        await UseTheLimitAsync(counter);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False((await AttemptAsync(counter)).IsAcquired);
    }

    private static async Task UseTheLimitAsync(SignInAttemptCounter counter)
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await AttemptAsync(counter)).IsAcquired);
        }
    }

    private static async Task<RateLimitLease> AttemptAsync(SignInAttemptCounter counter) =>
        await counter.AcquireAsync(SignInUserLimiter.Scope, "ADMIN", permitLimit: 3, Window, TestContext.Current.CancellationToken);

    private sealed class UnreachableStore : DelegatingDashboardStore
    {
        public override string Provider => "unreachable";

        public override Task<SignInAttempt> RecordSignInAttemptAsync(string limitKey, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken) =>
            Task.FromException<SignInAttempt>(new StorageUnavailableException("storage is down"));
    }
}
