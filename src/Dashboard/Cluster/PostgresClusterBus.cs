using System.Collections.Concurrent;
using Dashboard.Configuration;
using Dashboard.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Cluster;

/// <summary>One <c>LISTEN</c> connection per instance, on every <see cref="ClusterChannels"/> channel. Notifications are
/// read with Npgsql's <c>WaitAsync</c> loop; an idle connection makes a round trip every
/// <see cref="ClusterOptions.IdleCheckInterval"/> so that a silently dead one is noticed. A lost connection (database
/// restart, <c>pg_terminate_backend</c>, network cut) is reconnected with <see cref="ReconnectBackoff"/>; meanwhile
/// <see cref="Status"/> says "reconnecting" and the configuration poller takes over. After every (re)connect the
/// subscribers resync from storage, since NOTIFY does not keep what was sent while nobody listened.</summary>
public sealed class PostgresClusterBus : BackgroundService, IClusterBus
{
    /// <summary>The start of the listening connection's <c>application_name</c>, to spot it in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationNamePrefix = "dashboard-listen";

    private readonly ConcurrentDictionary<ClusterSubscription, byte> subscriptions = new();
    private readonly string listenConnectionString;
    private readonly NpgsqlDataSource publisher;
    private readonly int commandTimeoutSeconds;
    private readonly ClusterOptions options;
    private readonly ReconnectBackoff backoff;
    private readonly TimeProvider time;
    private readonly ILogger<PostgresClusterBus> logger;
    private ClusterBusStatus status;

    public PostgresClusterBus(IOptions<StorageOptions> storage, IOptions<ClusterOptions> options, TimeProvider time, ILogger<PostgresClusterBus> logger)
    {
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        backoff = new ReconnectBackoff(this.options.ReconnectMinDelay, this.options.ReconnectMaxDelay);
        commandTimeoutSeconds = (int)Math.Ceiling(storage.Value.CommandTimeout.TotalSeconds);

        // Its own unpooled connection: a pooled one is reset (UNLISTEN) when returned, and must never be shared. Named
        // per instance (host, process, a random part for several hosts in one process), at most PostgreSQL's 63 bytes.
        var name = $"{ApplicationNamePrefix} {Environment.MachineName}/{Environment.ProcessId}/{Random.Shared.Next(0x1000000):x6}";
        ConnectionName = name.Length > 63 ? name[..63] : name;
        listenConnectionString = new NpgsqlConnectionStringBuilder(storage.Value.ConnectionString)
        {
            Pooling = false,
            ApplicationName = ConnectionName,
            Timeout = commandTimeoutSeconds,
            TcpKeepAlive = true,
        }.ConnectionString;
        publisher = new NpgsqlDataSourceBuilder(storage.Value.ConnectionString) { ConnectionStringBuilder = { MaxPoolSize = 4 } }.Build();
        status = new ClusterBusStatus(ClusterBusState.Starting, time.GetUtcNow(), 0, null);
    }

    public ClusterBusStatus Status => Volatile.Read(ref status);

    /// <summary>This instance's listening connection's <c>application_name</c>.</summary>
    public string ConnectionName { get; }

    public IDisposable Subscribe(string channel, Func<string, CancellationToken, Task> onMessage, Func<CancellationToken, Task> onResync)
    {
        if (!ClusterChannels.All.Contains(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "not one of ClusterChannels");
        }

        var subscription = new ClusterSubscription(channel, onMessage, onResync, s => subscriptions.TryRemove(s, out _), logger);
        subscriptions[subscription] = 0;
        return subscription;
    }

    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        await using var connection = await publisher.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection) { CommandTimeout = commandTimeoutSeconds };
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Lost(ex, failures);
            }

            var delay = backoff.Delay(failures++, Random.Shared.NextDouble());
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        void Lost(Exception ex, int failed)
        {
            var previous = Status;
            var since = previous.State == ClusterBusState.Reconnecting ? previous.Since : time.GetUtcNow();
            var reason = Describe(ex);
            Volatile.Write(ref status, new ClusterBusStatus(ClusterBusState.Reconnecting, since, previous.Reconnects, reason));
            if (failed == 0)
            {
                logger.LogWarning(
                    "Lost the connection that listens for changes from other instances ({Reason}); configuration is polled until it is back",
                    reason);
            }
            else
            {
                logger.LogDebug("Reconnecting the listening connection failed again ({Reason})", reason);
            }
        }
    }

    /// <summary>Connects, listens, resyncs the subscribers, then waits for notifications until the connection fails.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(listenConnectionString);
        connection.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand(string.Concat(ClusterChannels.All.Select(c => $"LISTEN {c};")), connection) { CommandTimeout = commandTimeoutSeconds })
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        var previous = Status;
        var reconnects = previous.State == ClusterBusState.Starting ? 0 : previous.Reconnects + 1;
        Volatile.Write(ref status, new ClusterBusStatus(ClusterBusState.Listening, time.GetUtcNow(), reconnects, previous.LastError));
        if (previous.State == ClusterBusState.Reconnecting)
        {
            logger.LogInformation("Listening for changes from other instances again, after {Seconds:0.0} s", (time.GetUtcNow() - previous.Since).TotalSeconds);
        }

        foreach (var subscription in subscriptions.Keys)
        {
            subscription.Resync();
        }

        while (true)
        {
            if (!await connection.WaitAsync(options.IdleCheckInterval, stoppingToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = commandTimeoutSeconds };
                await ping.ExecuteScalarAsync(stoppingToken);
            }
        }
    }

    private void Dispatch(string channel, string payload)
    {
        foreach (var subscription in subscriptions.Keys)
        {
            if (subscription.Channel == channel)
            {
                subscription.Deliver(payload);
            }
        }
    }

    /// <summary>The type and, for a server error, its SQLSTATE: what an operator needs, never a connection string.</summary>
    private static string Describe(Exception ex) => ex is PostgresException pg ? $"{pg.GetType().Name} {pg.SqlState}" : ex.GetType().Name;

    public override void Dispose()
    {
        foreach (var subscription in subscriptions.Keys)
        {
            subscription.Dispose();
        }

        publisher.Dispose();
        base.Dispose();
    }
}
