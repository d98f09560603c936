using Dashboard.Sources.Coordination;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Sources.Coordination;

public sealed class InProcessFetchCoordinatorTests
{
    private static readonly FetchKey Key = new("orders", "now-6h..now");
    private static readonly BackoffRule Rule = new(TimeSpan.FromSeconds(2), 0.5, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10));
    private static readonly FetchClaimRequest Request = new("fp-1", TimeSpan.FromSeconds(12), Rule);

    private readonly FakeTimeProvider time = new();

    private InProcessFetchCoordinator Coordinator() => new(time, () => 0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lease_is_granted_once_until_it_is_completed_or_expires()
    {
        var coordinator = Coordinator();
        var first = await coordinator.ClaimAsync(Key, Request, Ct);
        var second = await coordinator.ClaimAsync(Key, Request, Ct);

        Assert.True(first.Granted);
        Assert.Equal(FetchClaimKind.HeldElsewhere, second.Kind);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(12), second.Until);
        Assert.True((await coordinator.ClaimAsync(Key with { Range = "now-1h..now" }, Request, Ct)).Granted);

        // The holder died: after the lease's time another may fetch, and the dead holder's late completion cannot end the new lease.
        time.Advance(TimeSpan.FromSeconds(12));
        var takeover = await coordinator.ClaimAsync(Key, Request, Ct);
        Assert.True(takeover.Granted);
        Assert.NotEqual(first.LeaseId, takeover.LeaseId);
        await coordinator.CompleteAsync(first, FetchCompletion.Success(1), Ct);
        Assert.Equal(FetchClaimKind.HeldElsewhere, (await coordinator.ClaimAsync(Key, Request, Ct)).Kind);

        await coordinator.CompleteAsync(takeover, FetchCompletion.Success(2), Ct);
        Assert.True((await coordinator.ClaimAsync(Key, Request, Ct)).Granted);
    }

    [Fact]
    public async Task Failures_back_off_on_the_schedule_with_their_reasons_and_a_success_clears_it()
    {
        var coordinator = Coordinator();
        var claim = await coordinator.ClaimAsync(Key, Request, Ct);
        var backoff = await coordinator.CompleteAsync(claim, FetchCompletion.Failure("HTTP 503 Service Unavailable", "HTTP 503"), Ct);

        Assert.Equal(new BackoffState(1, time.GetUtcNow() + TimeSpan.FromSeconds(5), "HTTP 503 Service Unavailable", "HTTP 503"), backoff);
        var refused = await coordinator.ClaimAsync(Key, Request, Ct);
        Assert.Equal(FetchClaimKind.BackingOff, refused.Kind);
        Assert.Equal(backoff, refused.Backoff);

        time.Advance(TimeSpan.FromSeconds(5));
        var retry = await coordinator.ClaimAsync(Key, Request, Ct);
        Assert.True(retry.Granted);
        var second = await coordinator.CompleteAsync(retry, FetchCompletion.Failure("timeout after 5 s", "timeout"), Ct);
        Assert.Equal(2, second!.Failures);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(10), second.RetryAt);

        time.Advance(TimeSpan.FromSeconds(10));
        var third = await coordinator.ClaimAsync(Key, Request, Ct);
        Assert.Null(await coordinator.CompleteAsync(third, FetchCompletion.Success(3), Ct));
        var afterSuccess = await coordinator.ClaimAsync(Key, Request, Ct);
        Assert.True(afterSuccess.Granted);
        Assert.Null(afterSuccess.Backoff);
    }

    [Fact]
    public async Task A_claim_under_new_settings_forgets_the_back_off()
    {
        var coordinator = Coordinator();
        var claim = await coordinator.ClaimAsync(Key, Request, Ct);
        await coordinator.CompleteAsync(claim, FetchCompletion.Failure("HTTP 404", "HTTP 404"), Ct);

        Assert.True((await coordinator.ClaimAsync(Key, Request with { Fingerprint = "fp-2" }, Ct)).Granted);
    }

    [Fact]
    public async Task A_publication_wakes_the_waiters_of_that_entry_with_its_version()
    {
        var coordinator = Coordinator();
        var waiting = coordinator.WaitForPublishAsync(Key, afterVersion: 10, Ct);
        var other = coordinator.WaitForPublishAsync(Key with { Range = null }, afterVersion: 0, Ct);
        Assert.False(waiting.IsCompleted);

        await coordinator.PublishAsync(Key, 10, Ct); // Not newer than what the waiter has.
        Assert.False(waiting.IsCompleted);
        await coordinator.PublishAsync(Key, 11, Ct);

        Assert.Equal(11, await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.False(other.IsCompleted);
        Assert.Equal(11, await coordinator.WaitForPublishAsync(Key, afterVersion: 5, Ct));
    }

    [Fact]
    public async Task A_wait_ends_with_its_token()
    {
        var coordinator = Coordinator();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1), time);
        var waiting = coordinator.WaitForPublishAsync(Key, 0, deadline.Token);

        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }
}
