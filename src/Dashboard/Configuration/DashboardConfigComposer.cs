using System.Text.Json;
using Dashboard.Configuration.Provisioning;
using Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Configuration;

/// <summary>The configuration in force: the one place where the provisioned units (appsettings.json and the
/// provisioning folder, <see cref="ProvisioningWatcher"/>) and the stored items (<see cref="StoredConfigLayer"/>) are
/// put together into the <see cref="DashboardConfig"/> snapshot pages read. Either side changing composes again; a
/// composition that changes nothing keeps the snapshot (and its version, so no cache is dropped for nothing).
/// <see cref="ProvisioningAcceptance"/> decides which version of each file is in force; the problems it reports are
/// kept here for /health, /admin and the log.</summary>
public sealed class DashboardConfigComposer : IDashboardConfigProvider
{
    private readonly AppSettingsProvisioning appSettings;
    private readonly ProvisioningFolder folder;
    private readonly ProvisioningLastGood lastGood;
    private readonly StoredConfigLayer stored;
    private readonly IDashboardStore store;
    private readonly IConfiguration configuration;
    private readonly IPathExpressionValidator paths;
    private readonly TimeProvider time;
    private readonly ILogger<DashboardConfigComposer> logger;
    private readonly Lock gate = new();
    private DashboardConfig current = new(new DashboardOptions(), 0);
    private IReadOnlyList<ProvisionedFile> lastRead = [];
    private IReadOnlyDictionary<string, ProvisionedFile> accepted = new Dictionary<string, ProvisionedFile>();
    private IReadOnlyList<ProvisioningProblem> problems = [];
    private (long Version, StoredConfiguration Configuration) storedInput = (-2, StoredConfiguration.Empty);
    private string fingerprint = "";
    private volatile bool initialized;

    public DashboardConfigComposer(
        AppSettingsProvisioning appSettings,
        ProvisioningFolder folder,
        ProvisioningLastGood lastGood,
        StoredConfigLayer stored,
        IDashboardStore store,
        IConfiguration configuration,
        IPathExpressionValidator paths,
        TimeProvider time,
        ILogger<DashboardConfigComposer> logger)
    {
        this.appSettings = appSettings;
        this.folder = folder;
        this.lastGood = lastGood;
        this.stored = stored;
        this.store = store;
        this.configuration = configuration;
        this.paths = paths;
        this.time = time;
        this.logger = logger;
        stored.Changed += OnStoredChanged;
    }

    public DashboardConfig Current => Volatile.Read(ref current);

    public event Action<DashboardConfig, DashboardConfig>? Changed;

    /// <summary>Why files (or stored items) are not in force as they are now; empty when everything is.</summary>
    public IReadOnlyList<ProvisioningProblem> Problems => Volatile.Read(ref problems);

    /// <summary>The database's <c>config_version</c> the stored items in force were read at (what the database holds).</summary>
    public long StoredVersion => stored.LoadedStoreVersion;

    /// <summary>The provisioning folder's full path.</summary>
    public string FolderPath => folder.Root;

    /// <summary>Connection names SQL sources may use (from the configuration; connection strings are not editable here).</summary>
    public IReadOnlyCollection<string> ConnectionNames => DashboardOptionsSetup.ConnectionNames(configuration);

    /// <summary>Every problem with <paramref name="options"/>, as the configuration validator reports them.</summary>
    public IReadOnlyList<string> Validate(DashboardOptions options) => DashboardConfigValidator.Validate(options, ConnectionNames, paths.Validate);

    /// <summary>The configuration <paramref name="storedItems"/> would give with the files in force, to validate an admin
    /// edit before it is saved.</summary>
    public MergedConfig Merge(StoredConfiguration storedItems)
    {
        lock (gate)
        {
            return MergedConfig.Merge(Units(accepted), storedItems);
        }
    }

    /// <summary>Start-up, before serving: reads the stored items and the files, runs the seed-once migration on a
    /// database written by an older version, and puts the result in force. Refuses to start (with every key and line)
    /// when appsettings.json's own items are invalid, as before provisioning existed; a broken folder file keeps the
    /// last good version saved in storage (<see cref="ProvisioningLastGood"/>), or is reported and left out when there
    /// is none.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await stored.ReloadAsync(cancellationToken);
        var files = await ReadAsync(cancellationToken);
        Compose(files, startUp: true, await lastGood.LoadAsync(files, cancellationToken));
        initialized = true;
        await SaveAcceptedAsync(cancellationToken);
        if (stored.Snapshot.Rules != ConfigRules.Provisioning)
        {
            var plan = SeedOnceMigration.PlanFor(stored.Snapshot.Items, Current);
            if (await store.AdoptProvisioningRulesAsync(
                plan.Redundant,
                new AuditEntry(time.GetUtcNow(), "system", "migrate", "configuration", "*", plan.Summary),
                cancellationToken))
            {
                var level = plan.Shadowed.Count > 0 ? LogLevel.Warning : LogLevel.Information;
                logger.Log(level, "Configuration migrated to provisioning: {Summary}. See docs/admin.md, 'Migrating from seed once'.", plan.Summary);
            }
        }

        // The migration moved the stored version: reading it composes again (Changed).
        await stored.ReloadAsync(cancellationToken);
    }

    /// <summary>Reads every provisioning unit again and composes (the watcher calls this after a change settled).</summary>
    public async Task ReloadFilesAsync(CancellationToken cancellationToken)
    {
        var files = await ReadAsync(cancellationToken);
        if (initialized)
        {
            Compose(files, startUp: false);
            await SaveAcceptedAsync(cancellationToken);
        }
    }

    private Task SaveAcceptedAsync(CancellationToken cancellationToken)
    {
        // Both are replaced, never changed in place: a consistent pair read under the lock stays valid outside it.
        IReadOnlyDictionary<string, ProvisionedFile> inForce;
        IReadOnlyList<ProvisionedFile> read;
        lock (gate)
        {
            (inForce, read) = (accepted, lastRead);
        }

        return lastGood.SaveAsync(inForce, read, cancellationToken);
    }

    private async Task<IReadOnlyList<ProvisionedFile>> ReadAsync(CancellationToken cancellationToken) =>
        [await appSettings.ReadAsync(cancellationToken), .. await folder.ReadAsync(cancellationToken)];

    private void OnStoredChanged(StoredConfigSnapshot snapshot)
    {
        if (initialized)
        {
            Compose(null, startUp: false);
        }
    }

    /// <param name="read">The units just read, or null to compose the last read ones again (a stored change).</param>
    /// <param name="startUp">Whether this is the first composition (no version in force yet).</param>
    /// <param name="saved">At start-up, the versions saved by earlier runs, standing in for the versions in force.</param>
    private void Compose(IReadOnlyList<ProvisionedFile>? read, bool startUp, IReadOnlyDictionary<string, ProvisionedFile>? saved = null)
    {
        lock (gate)
        {
            // Both sides as they are now, read under the lock: a composition that waited never undoes a newer one.
            var files = read ?? lastRead;
            var snapshot = stored.Snapshot;
            if (storedInput.Version != snapshot.ConfigVersion)
            {
                storedInput = (snapshot.ConfigVersion, StoredConfiguration.From(snapshot.Items));
            }

            var result = ProvisioningAcceptance.Accept(files, saved ?? accepted, storedInput.Configuration, Validate);
            if (startUp && saved is { Count: > 0 } && result.Merged is null)
            {
                // A saved version no longer fits (say, a connection it uses was removed from the configuration): start as
                // if none was saved, with the broken files left out.
                result = ProvisioningAcceptance.Accept(files, accepted, storedInput.Configuration, Validate);
            }

            var found = result.Problems.ToList();
            var merged = result.Merged;
            if (startUp)
            {
                merged = StartUpResult(files, result, found);
                ReportSavedInForce(files, result.Accepted);
            }

            accepted = result.Accepted;
            lastRead = files;

            // In force first, then the problems: whoever sees a problem resolved also sees its fix.
            if (merged is not null)
            {
                Apply(merged);
            }

            Report(found);
        }
    }

    // At start-up there is no last good configuration to keep: appsettings.json must be valid (else the app refuses to
    // start), and stored items that no longer fit are left out (reported) rather than taking every dashboard down.
    private MergedConfig StartUpResult(IReadOnlyList<ProvisionedFile> files, ProvisioningAcceptance.Result result, List<ProvisioningProblem> found)
    {
        if (!result.Accepted.ContainsKey(AppSettingsProvisioning.DisplayName))
        {
            // Its own problems; what the configuration without it lacks (no dashboard at all) is a consequence.
            throw Refusal(found.Where(p => p.File != MergedConfig.StoredLabel));
        }

        if (result.Merged is { } merged)
        {
            return merged;
        }

        var filesOnly = MergedConfig.Merge(Units(result.Accepted, files), StoredConfiguration.Empty);
        var errors = Validate(filesOnly.Options);
        if (errors.Count > 0)
        {
            throw Refusal([.. found, .. errors.Select(e => filesOnly.Attribute(e).Problem)]);
        }

        found.Add(new ProvisioningProblem(MergedConfig.StoredLabel, null, "the stored items were not applied (see the problems above); only the files' items are in force until they are fixed"));
        return filesOnly;
    }

    private void ReportSavedInForce(IReadOnlyList<ProvisionedFile> files, IReadOnlyDictionary<string, ProvisionedFile> inForce)
    {
        foreach (var file in files.Where(f => inForce.TryGetValue(f.Path, out var version) && version.Hash != f.Hash))
        {
            logger.LogWarning("{File} could not be put in force as it is now; its last good version, saved by an earlier run, is in force until it is fixed", file.Path);
        }
    }

    private static OptionsValidationException Refusal(IEnumerable<ProvisioningProblem> found) => new(
        DashboardOptions.Section,
        typeof(DashboardOptions),
        [.. found.Select(p => p.Line is { } line ? $"{p.Message} ({p.File} line {line})" : p.Message).Distinct()]);

    private void Apply(MergedConfig merged)
    {
        var provenance = merged.Provenance();
        var next = JsonSerializer.Serialize(merged.Options, StoredConfigDocuments.Json)
            + string.Join('\n', provenance.Sources.Select(s => $"{s.Key}={s.Value}"))
            + string.Join('\n', provenance.Dashboards.Select(d => $"{d.Key}={d.Value}"))
            + provenance.DefaultDashboard + string.Join('\n', provenance.Files);
        if (next == fingerprint)
        {
            return;
        }

        fingerprint = next;
        var previous = Current;
        var config = new DashboardConfig(merged.Options, previous.Version + 1, provenance);
        Volatile.Write(ref current, config);
        logger.LogInformation(
            "Configuration version {Version} in force: {Summary} ({Provisioned} provisioned from files)",
            config.Version, DashboardConfig.Describe(merged.Options), provenance.Sources.Count + provenance.Dashboards.Count);
        Changed?.Invoke(previous, config);
    }

    private void Report(List<ProvisioningProblem> found)
    {
        var before = problems.Select(p => p.ToString()).ToHashSet();
        foreach (var problem in found.Where(p => !before.Contains(p.ToString())))
        {
            logger.LogError("Configuration problem, the last good version stays in force: {Problem}", problem.ToString());
        }

        if (found.Count == 0 && before.Count > 0)
        {
            logger.LogInformation("Configuration problems resolved: every file is in force as it is now");
        }

        Volatile.Write(ref problems, found);
    }

    private IReadOnlyList<ProvisionedFile> Units(IReadOnlyDictionary<string, ProvisionedFile> set, IReadOnlyList<ProvisionedFile>? order = null)
    {
        var paths = (order ?? lastRead).Select(f => f.Path).ToList();
        return [.. set.Values.OrderBy(f => paths.IndexOf(f.Path) is var at and >= 0 ? at : int.MaxValue).ThenBy(f => f.Path, StringComparer.Ordinal)];
    }
}
