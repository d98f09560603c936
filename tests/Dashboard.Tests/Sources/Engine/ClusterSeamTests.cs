using Dashboard.Sources;
using Dashboard.Sources.Coordination;
using Dashboard.Sources.Engine;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Engine;

/// <summary>Two engines on one store and one coordinator stand for two instances of a cluster: the seam a shared
/// (PostgreSQL) coordinator plugs into. One fetches; the other waits for the published value and reads it from
/// storage; a back-off is the cluster's, not each instance's.</summary>
public sealed class ClusterSeamTests
{
    private static SourceOptions Source() => EngineHarness.Source("c", deadlineSeconds: 5, maxAgeSeconds: 30);

    [Fact]
    public async Task The_instance_without_the_lease_waits_for_the_published_value_instead_of_fetching()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryDashboardStore();
        IFetchCoordinator? shared = null;
        await using var a = new EngineHarness(store, time => shared = new InProcessFetchCoordinator(time), null, Source());
        await using var b = new EngineHarness(store, _ => shared!, null, Source());

        var onA = a.Engine.ReadAsync("c", ct);
        await a.Sources["c"].WaitForCallsAsync(1);
        var onB = b.Engine.ReadAsync("c", ct);
        await Task.Delay(50, ct);
        Assert.False(onB.IsCompleted);

        await a.Sources["c"].CompleteNextAsync(21);

        Assert.Equal(21, (await onA).Value!.Number);
        var reading = await onB.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(ReadingState.Fresh, reading.State);
        Assert.Equal(21, reading.Value!.Number);
        Assert.Equal(0, b.Sources["c"].Calls);
    }

    [Fact]
    public async Task A_back_off_after_one_instances_failure_holds_for_the_other_with_the_cause()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryDashboardStore();
        IFetchCoordinator? shared = null;
        await using var a = new EngineHarness(store, time => shared = new InProcessFetchCoordinator(time), null, Source());
        await using var b = new EngineHarness(store, _ => shared!, null, Source());
        a.Sources["c"].Respond = _ => throw new SourceFailureException("HTTP 503", publicReason: PublicReasons.Http(503));

        var failed = await a.Engine.ReadAsync("c", ct);
        var onB = await b.Engine.ReadAsync("c", ct);

        Assert.Equal(ReadingState.Unavailable, onB.State);
        Assert.Equal("HTTP 503", onB.Reason);
        Assert.Equal(failed.NextRetryAt, onB.NextRetryAt);
        Assert.Equal(0, b.Sources["c"].Calls);
    }
}
