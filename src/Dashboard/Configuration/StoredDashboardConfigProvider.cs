using Dashboard.Storage;

namespace Dashboard.Configuration;

/// <summary>The configuration in force, kept in the database. The rule: on first start the file configuration
/// seeds the database; afterwards the database is the truth (file edits are ignored until an admin chooses
/// "reset to file configuration", which re-seeds). Every instance polls the cheap <c>config_version</c>
/// (<see cref="StoredConfigPoller"/>) and reloads when another instance changed something.</summary>
public sealed class StoredDashboardConfigProvider : IDashboardConfigProvider
{
    private readonly FileDashboardConfigProvider file;
    private readonly IDashboardStore store;
    private readonly IConfiguration configuration;
    private readonly IPathExpressionValidator paths;
    private readonly TimeProvider time;
    private readonly ILogger<StoredDashboardConfigProvider> logger;
    private readonly SemaphoreSlim reloadLock = new(1, 1);
    private DashboardConfig current;
    private long loadedStoreVersion = -1;

    public StoredDashboardConfigProvider(
        FileDashboardConfigProvider file,
        IDashboardStore store,
        IConfiguration configuration,
        IPathExpressionValidator paths,
        TimeProvider time,
        ILogger<StoredDashboardConfigProvider> logger)
    {
        this.file = file;
        this.store = store;
        this.configuration = configuration;
        this.paths = paths;
        this.time = time;
        this.logger = logger;

        // Until the database is read (at start-up, before serving), the file configuration is in force.
        current = file.Current;
    }

    public DashboardConfig Current => Volatile.Read(ref current);

    /// <summary>The file configuration (the latest valid one), for "reset to file configuration".</summary>
    public DashboardConfig FileConfig => file.Current;

    /// <summary>The <c>config_version</c> the current snapshot was loaded at.</summary>
    public long LoadedStoreVersion => Interlocked.Read(ref loadedStoreVersion);

    public event Action<DashboardConfig, DashboardConfig>? Changed;

    /// <summary>Connection names SQL sources may use (from the file; connection strings are not editable here).</summary>
    public IReadOnlyCollection<string> ConnectionNames => DashboardOptionsSetup.ConnectionNames(configuration);

    /// <summary>Every problem with <paramref name="options"/>, as the start-up validation reports them.</summary>
    public IReadOnlyList<string> Validate(DashboardOptions options) => DashboardConfigValidator.Validate(options, ConnectionNames, paths.Validate);

    /// <summary>Seeds the database from the file on first start, then loads it.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.GetConfigAsync(cancellationToken);
        if (!snapshot.Seeded
            && await store.SeedConfigAsync(
                StoredConfigDocuments.ToItems(file.Current.Options),
                new AuditEntry(time.GetUtcNow(), "system", "seed", "configuration", "*", DashboardConfig.Describe(file.Current.Options)),
                cancellationToken))
        {
            logger.LogInformation("No stored configuration yet: seeded the database from the file configuration");
        }

        await ReloadAsync(cancellationToken);
    }

    /// <summary>Replaces the stored configuration with the file's (an admin action), then applies it.</summary>
    public async Task ResetToFileAsync(string user, CancellationToken cancellationToken)
    {
        await store.ReplaceConfigAsync(
            StoredConfigDocuments.ToItems(file.Current.Options),
            new AuditEntry(time.GetUtcNow(), user, "reset to file", "configuration", "*", DashboardConfig.Describe(file.Current.Options)),
            cancellationToken);
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Polled: reloads only when the stored version moved.</summary>
    public async Task ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        if (await store.GetConfigVersionAsync(cancellationToken) != LoadedStoreVersion)
        {
            await ReloadAsync(cancellationToken);
        }
    }

    /// <summary>Reads the stored configuration and, when valid, puts it in force (Changed fires).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await reloadLock.WaitAsync(cancellationToken);
        try
        {
            var snapshot = await store.GetConfigAsync(cancellationToken);
            if (snapshot.ConfigVersion == LoadedStoreVersion)
            {
                return;
            }

            Interlocked.Exchange(ref loadedStoreVersion, snapshot.ConfigVersion);
            var options = StoredConfigDocuments.ToOptions(snapshot.Items);
            var errors = Validate(options);
            if (errors.Count > 0)
            {
                // Admin saves are validated first; this guards against e.g. a connection removed from the file.
                logger.LogError("Stored configuration version {Version} rejected, keeping the previous one: {Errors}", snapshot.ConfigVersion, string.Join("; ", errors));
                return;
            }

            var previous = Current;
            // The stored config_version, so /admin and /health show the version the database holds; it moves with every change.
            var next = new DashboardConfig(options, snapshot.ConfigVersion);
            Volatile.Write(ref current, next);
            logger.LogInformation("Stored configuration version {Version} applied: {Summary}", snapshot.ConfigVersion, DashboardConfig.Describe(options));
            Changed?.Invoke(previous, next);
        }
        finally
        {
            reloadLock.Release();
        }
    }
}
