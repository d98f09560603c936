using Dashboard.Cluster.Fetching;
using Dashboard.Sources.Coordination;

namespace Dashboard.Tests.Cluster.Fetching;

public sealed class FetchLeaseRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly FetchKey Key = new("sales", null);
    private static readonly BackoffRule Backoff = new(TimeSpan.FromSeconds(10), 0, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
    private static readonly FetchClaimRequest Request = new("fp1", TimeSpan.FromSeconds(7), Backoff);

    [Fact]
    public void The_first_claim_is_granted_a_lease_until_now_plus_LeaseFor_as_a_new_row()
    {
        var (claim, write) = FetchLeaseRules.Claim(null, Key, Request, "a", Now, 42);

        Assert.Equal(FetchClaimKind.Granted, claim.Kind);
        Assert.Equal(42, claim.LeaseId);
        Assert.Equal(Now.AddSeconds(7), claim.Until);
        Assert.Equal(new FetchLeaseRow("sales", 0, "fp1", "a", 42, Now.AddSeconds(7), 0, DateTimeOffset.UnixEpoch, "", ""), write);
    }

    [Fact]
    public void A_live_lease_is_held_elsewhere_until_it_expires_then_granted_again()
    {
        var (_, held) = FetchLeaseRules.Claim(null, Key, Request, "a", Now, 1);
        var row = held! with { Version = 1 };

        var (during, none) = FetchLeaseRules.Claim(row, Key, Request, "b", Now.AddSeconds(6.9), 2);
        var (after, taken) = FetchLeaseRules.Claim(row, Key, Request, "b", Now.AddSeconds(7), 2);

        Assert.Equal(FetchClaimKind.HeldElsewhere, during.Kind);
        Assert.Equal(Now.AddSeconds(7), during.Until);
        Assert.Null(none);
        Assert.Equal(FetchClaimKind.Granted, after.Kind);
        Assert.Equal(("b", 2L, 1L), (taken!.Holder, taken.LeaseId, taken.Version));
    }

    [Fact]
    public void A_failure_sets_the_shared_back_off_with_its_reasons_and_frees_the_lease()
    {
        var (claim, held) = FetchLeaseRules.Claim(null, Key, Request, "a", Now, 1);

        var (backoff, failed) = FetchLeaseRules.Complete(held! with { Version = 1 }, claim, FetchCompletion.Failure("HTTP 503", "error 503"), Now.AddSeconds(1), TimeSpan.FromSeconds(5), 0);
        var (other, _) = FetchLeaseRules.Claim(failed, Key, Request, "b", Now.AddSeconds(2), 2);
        var (later, _) = FetchLeaseRules.Claim(failed, Key, Request, "b", Now.AddSeconds(11), 2);

        Assert.Equal(new BackoffState(1, Now.AddSeconds(11), "HTTP 503", "error 503"), backoff);
        Assert.Equal(0, failed!.LeaseId);
        Assert.Equal(FetchClaimKind.BackingOff, other.Kind);
        Assert.Equal(backoff, other.Backoff);
        Assert.Equal(FetchClaimKind.Granted, later.Kind);
        Assert.Equal(1, later.Backoff!.Failures);
    }

    [Fact]
    public void An_edited_source_ends_the_back_off_and_any_lease_at_once()
    {
        var row = new FetchLeaseRow("sales", 3, "fp1", "a", 9, Now.AddSeconds(5), 2, Now.AddMinutes(1), "HTTP 503", "error 503");

        var (claim, write) = FetchLeaseRules.Claim(row, Key, Request with { Fingerprint = "fp2" }, "b", Now, 10);

        Assert.Equal(FetchClaimKind.Granted, claim.Kind);
        Assert.Null(claim.Backoff);
        Assert.Equal(("fp2", 0, 3L), (write!.Fingerprint, write.Failures, write.Version));
    }

    [Fact]
    public void A_success_clears_the_back_off_and_holds_the_lease_only_until_the_value_is_published()
    {
        var row = new FetchLeaseRow("sales", 3, "fp1", "a", 9, Now.AddSeconds(30), 2, Now.AddSeconds(-1), "HTTP 503", "error 503");
        var claim = FetchLeaseRules.Claim(row with { LeaseId = 0 }, Key, Request, "a", Now, 9).Claim;

        var (backoff, write) = FetchLeaseRules.Complete(row, claim, FetchCompletion.Success(1), Now, TimeSpan.FromSeconds(5), 0);

        Assert.Null(backoff);
        Assert.Equal((9L, Now.AddSeconds(5), 0), (write!.LeaseId, write.LeaseUntil, write.Failures));
    }

    [Fact]
    public void A_holder_whose_lease_was_taken_over_cannot_end_the_new_one()
    {
        var row = new FetchLeaseRow("sales", 3, "fp1", "b", 2, Now.AddSeconds(7), 0, DateTimeOffset.UnixEpoch, "", "");
        var stale = FetchLeaseRules.Claim(null, Key, Request, "a", Now.AddSeconds(-8), 1).Claim;

        var (_, failed) = FetchLeaseRules.Complete(row, stale, FetchCompletion.Failure("timeout", "slow"), Now, TimeSpan.FromSeconds(5), 0);
        var (_, succeeded) = FetchLeaseRules.Complete(row, stale, FetchCompletion.Success(1), Now, TimeSpan.FromSeconds(5), 0);

        Assert.Equal((2L, Now.AddSeconds(7)), (failed!.LeaseId, failed.LeaseUntil));
        Assert.Null(succeeded);
    }
}
