using Dashboard.Sources.Coordination;
using Dashboard.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Cluster.Fetching;

/// <summary>The <see cref="IFetchCoordinator"/> of instances sharing one PostgreSQL: one lease row per entry in
/// <c>fetch_leases</c> (<see cref="FetchLeaseRules"/>), new values announced on <see cref="ClusterChannels.Values"/>
/// over the instance's one listening connection (<see cref="IClusterBus"/>).
/// <para>Why a lease row and not an advisory lock: a session advisory lock lives as long as the connection that took
/// it, so each fetch in flight would pin a pooled connection for up to its FetchTimeout (dozens of sources mean dozens
/// of idle connections per instance), and a holder that hangs without dying would keep it for ever. The lock also
/// carries nothing: the shared back-off (failures in a row, retry time, the reasons) needs a row anyway, and so does an
/// expiry that the holder's own fetch bound sets. A row with an expiry is one short statement per claim on any pooled
/// connection, bounds a dead or hung holder to its lease, and shows in a query who fetches what.</para>
/// <para>Times are this instance's clock (<see cref="TimeProvider"/>): hosts are expected to keep NTP time, well inside
/// the lease's 2 s margin.</para></summary>
public sealed partial class PostgresFetchCoordinator : IFetchCoordinator, IAsyncDisposable
{
    // How long a successful fetch keeps its lease for its value to reach storage and be announced (which releases it).
    private static readonly TimeSpan PublishGrace = TimeSpan.FromSeconds(5);

    // Compare-and-set attempts before a claim gives up (then the engine fetches without a lease).
    private const int WriteAttempts = 4;

    private readonly NpgsqlDataSource dataSource;
    private readonly FetchLeaseTable table;
    private readonly PublicationWaiters waiters = new();
    private readonly IClusterBus bus;
    private readonly TimeProvider time;
    private readonly ILogger<PostgresFetchCoordinator> logger;

    public PostgresFetchCoordinator(IOptions<StorageOptions> storage, IClusterBus bus, TimeProvider time, ILogger<PostgresFetchCoordinator> logger)
    {
        this.bus = bus;
        this.time = time;
        this.logger = logger;

        // Its own small pool: claims must answer within SharedReadWait even while page reads keep the store's pool busy.
        dataSource = new NpgsqlDataSourceBuilder(storage.Value.ConnectionString) { ConnectionStringBuilder = { MaxPoolSize = 8 } }.Build();
        table = new FetchLeaseTable(dataSource, storage.Value.CommandTimeout);
        Holder = InstanceName();
    }

    /// <summary>Raised for values other instances announced.</summary>
    public event Action<FetchKey, long>? Published;

    /// <summary>This instance in the <c>holder</c> column and in announcements: host, process, and a random part (several
    /// instances in one test process).</summary>
    public string Holder { get; }

    internal FetchLeaseTable Table => table;

    public async ValueTask<FetchClaim> ClaimAsync(FetchKey key, FetchClaimRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = Now();
            var row = await table.ReadAsync(key.StorageKey, cancellationToken);
            var (claim, write) = FetchLeaseRules.Claim(row, key, request, Holder, now, NewLeaseId());
            if (write is null || await table.WriteAsync(write, now, cancellationToken))
            {
                return claim;
            }

            if (attempt == WriteAttempts)
            {
                throw new InvalidOperationException($"the lease row of {key} kept changing");
            }
        }
    }

    public async ValueTask<BackoffState?> CompleteAsync(FetchClaim claim, FetchCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        for (var attempt = 1; ; attempt++)
        {
            var now = Now();
            var row = await table.ReadAsync(claim.Key.StorageKey, cancellationToken);
            var (backoff, write) = FetchLeaseRules.Complete(row, claim, completion, now, PublishGrace, Random.Shared.NextDouble());
            if (write is null || await table.WriteAsync(write, now, cancellationToken))
            {
                return backoff;
            }

            if (attempt == WriteAttempts)
            {
                throw new InvalidOperationException($"the lease row of {claim.Key} kept changing");
            }
        }
    }

    public async ValueTask PublishAsync(FetchKey key, long version, CancellationToken cancellationToken)
    {
        version = AsStored(version);
        waiters.Publish(key, version);
        var payload = new ValueAnnouncement(key.Source, key.Range, version, Holder).ToPayload();
        await table.ReleaseAndNotifyAsync(key.StorageKey, Holder, ClusterChannels.Values, payload, Now(), cancellationToken);
    }

    public Task<long> WaitForPublishAsync(FetchKey key, long afterVersion, CancellationToken cancellationToken) =>
        waiters.WaitAsync(key, AsStored(afterVersion), cancellationToken);

    /// <summary>A version as storage keeps the fetch time (whole milliseconds): a value read back from storage has the
    /// version it was announced under, so a waiter holding it does not take its own announcement for a newer value.</summary>
    public static long AsStored(long version) => version - (version % TimeSpan.TicksPerMillisecond);

    /// <summary>An announcement from the listening connection: waiters here wake, and a value from another instance is
    /// raised for the engine to read from storage.</summary>
    internal Task OnAnnouncedAsync(string payload, CancellationToken cancellationToken)
    {
        if (ValueAnnouncement.Parse(payload) is not { } announcement)
        {
            LogUnreadable(logger, payload.Length);
            return Task.CompletedTask;
        }

        waiters.Publish(announcement.Key, announcement.Version);
        if (announcement.From != Holder)
        {
            Published?.Invoke(announcement.Key, announcement.Version);
        }

        return Task.CompletedTask;
    }

    // Announcements sent while the listening connection was down are lost: waiters then wake at their lease's expiry and
    // read the value from storage, and refresh-ahead reads storage before it claims, so there is nothing to catch up.
    internal IDisposable Subscribe() =>
        bus.Subscribe(ClusterChannels.Values, OnAnnouncedAsync, static _ => Task.CompletedTask);

    // Whole milliseconds, as the table stores them: a claim's times are exactly what other instances read.
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    private static long NewLeaseId() => Random.Shared.NextInt64(1, long.MaxValue);

    private static string InstanceName()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}/{Random.Shared.Next(0x1000000):x6}";
        return name.Length > 100 ? name[..100] : name;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored an unreadable value announcement ({Length} characters)")]
    private static partial void LogUnreadable(ILogger logger, int length);
}
