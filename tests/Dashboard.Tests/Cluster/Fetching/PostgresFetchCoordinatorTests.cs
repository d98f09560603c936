using Dashboard.Cluster;
using Dashboard.Cluster.Fetching;
using Dashboard.Sources.Coordination;
using Dashboard.Storage;
using Dashboard.Tests.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Cluster.Fetching;

/// <summary>Two coordinators on one PostgreSQL database stand for two instances: one lease per entry, the back-off and
/// its reasons shared, an expired lease taken over, a value announced to the other within the second, leases released
/// at shutdown. Lease times run on a manual clock; announcements on the real listening connection.</summary>
public sealed class PostgresFetchCoordinatorTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private static readonly FetchKey Key = new("sales", null);

    // A fetch time in UTC ticks, whole milliseconds as storage keeps it.
    private const long Version = 638_700_000_000_000_000;
    private static readonly FetchClaimRequest Request = new(
        "fp", TimeSpan.FromSeconds(7), new BackoffRule(TimeSpan.FromSeconds(10), 0, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30)));

    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [PostgresFact]
    public async Task One_instance_holds_the_lease_the_other_waits_and_takes_over_once_it_expires()
    {
        await using var instances = await Instances.StartAsync(database, time);
        var (a, b) = (instances.A, instances.B);

        var granted = await a.ClaimAsync(Key, Request, Ct);
        var held = await b.ClaimAsync(Key, Request, Ct);
        time.Advance(TimeSpan.FromSeconds(7));
        var taken = await b.ClaimAsync(Key, Request, Ct);

        // The first holder finishes late: it may not end the lease the other took over.
        await a.CompleteAsync(granted, FetchCompletion.Failure("timeout", "slow"), Ct);
        var stillHeld = await a.ClaimAsync(Key, Request, Ct);

        Assert.Equal(FetchClaimKind.Granted, granted.Kind);
        Assert.Equal((FetchClaimKind.HeldElsewhere, granted.Until), (held.Kind, held.Until));
        Assert.Equal(FetchClaimKind.Granted, taken.Kind);
        Assert.NotEqual(granted.LeaseId, taken.LeaseId);
        Assert.Equal(FetchClaimKind.BackingOff, stillHeld.Kind);
    }

    [PostgresFact]
    public async Task A_failure_on_one_instance_backs_off_the_other_with_the_real_cause()
    {
        await using var instances = await Instances.StartAsync(database, time);

        var granted = await instances.A.ClaimAsync(Key, Request, Ct);
        var backoff = await instances.A.CompleteAsync(granted, FetchCompletion.Failure("HTTP 503", "error 503"), Ct);
        var onB = await instances.B.ClaimAsync(Key, Request, Ct);
        var edited = await instances.B.ClaimAsync(Key, Request with { Fingerprint = "fixed" }, Ct);

        Assert.Equal((1, "HTTP 503", "error 503"), (backoff!.Failures, backoff.Reason, backoff.PublicReason));
        Assert.Equal(FetchClaimKind.BackingOff, onB.Kind);
        Assert.Equal(backoff.RetryAt.ToUnixTimeMilliseconds(), onB.Until.ToUnixTimeMilliseconds());
        Assert.Equal("HTTP 503", onB.Backoff!.Reason);
        Assert.Equal(FetchClaimKind.Granted, edited.Kind);
    }

    [PostgresFact]
    public async Task A_published_value_is_announced_to_the_other_instance_and_ends_the_lease()
    {
        await using var instances = await Instances.StartAsync(database, time);
        var (a, b) = (instances.A, instances.B);
        var onB = new TaskCompletionSource<(FetchKey, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var onA = 0;
        b.Published += (key, version) => onB.TrySetResult((key, version));
        a.Published += (_, _) => Interlocked.Increment(ref onA);

        var granted = await a.ClaimAsync(Key, Request, Ct);
        var waiting = b.WaitForPublishAsync(Key, 0, Ct);
        await a.CompleteAsync(granted, FetchCompletion.Success(Version), Ct);
        var held = await b.ClaimAsync(Key, Request, Ct);
        await a.PublishAsync(Key, Version, Ct);

        Assert.Equal((Key, Version), await onB.Task.WaitAsync(TimeSpan.FromSeconds(1), Ct));
        Assert.Equal(Version, await waiting.WaitAsync(TimeSpan.FromSeconds(1), Ct));
        Assert.Equal(FetchClaimKind.HeldElsewhere, held.Kind);
        Assert.Equal(FetchClaimKind.Granted, (await b.ClaimAsync(Key, Request, Ct)).Kind);
        Assert.Equal(0, Volatile.Read(ref onA));
    }

    [PostgresFact]
    public async Task Leases_held_are_released_at_shutdown()
    {
        await using var instances = await Instances.StartAsync(database, time);

        await instances.A.ClaimAsync(Key, Request, Ct);
        await instances.A.ClaimAsync(Key with { Range = "now-1h" }, Request, Ct);
        await instances.LifetimeA.StopAsync(Ct);

        Assert.Equal(FetchClaimKind.Granted, (await instances.B.ClaimAsync(Key, Request, Ct)).Kind);
        Assert.Equal(FetchClaimKind.Granted, (await instances.B.ClaimAsync(Key with { Range = "now-1h" }, Request, Ct)).Kind);
    }

    private sealed class Instances : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> owned = [];
        private readonly List<IHostedService> started = [];

        public PostgresFetchCoordinator A { get; private set; } = default!;

        public PostgresFetchCoordinator B { get; private set; } = default!;

        public FetchLeaseLifetime LifetimeA { get; private set; } = default!;

        public static async Task<Instances> StartAsync(PostgresTestDatabase database, TimeProvider time)
        {
            var storage = Options.Create(new StorageOptions { Provider = "postgres", ConnectionString = await database.CreateDatabaseAsync() });
            await using (var store = new PostgresDashboardStore(storage.Value))
            {
                await store.MigrateAsync(Ct);
            }

            var instances = new Instances();
            (instances.A, instances.LifetimeA) = await instances.StartOneAsync(storage, time);
            (instances.B, _) = await instances.StartOneAsync(storage, time);
            await Eventually.TrueAsync(() => instances.started.OfType<PostgresClusterBus>().All(b => b.Status.IsListening), "both instances listen");
            return instances;
        }

        private async Task<(PostgresFetchCoordinator, FetchLeaseLifetime)> StartOneAsync(IOptions<StorageOptions> storage, TimeProvider time)
        {
            // The listening connection runs on the real clock (its idle checks); leases on the test's.
            var bus = new PostgresClusterBus(storage, Options.Create(new ClusterOptions()), TimeProvider.System, NullLogger<PostgresClusterBus>.Instance);
            var coordinator = new PostgresFetchCoordinator(storage, bus, time, NullLogger<PostgresFetchCoordinator>.Instance);
            var lifetime = new FetchLeaseLifetime(coordinator, time, NullLogger<FetchLeaseLifetime>.Instance);
            owned.Add(coordinator);
            await lifetime.StartAsync(Ct);
            await bus.StartAsync(Ct);
            started.Add(lifetime);
            started.Add(bus);
            return (coordinator, lifetime);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var service in started)
            {
                await service.StopAsync(CancellationToken.None);
                (service as IDisposable)?.Dispose();
            }

            foreach (var item in owned)
            {
                await item.DisposeAsync();
            }
        }
    }
}
