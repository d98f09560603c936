namespace Dashboard.Storage;

/// <summary>Dashboard's own persistent state. Implemented with Dapper for SQLite and PostgreSQL;
/// every method is safe to call from several instances sharing one database.</summary>
public interface IDashboardStore
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Provider { get; }

    /// <summary>Applies pending schema migrations (each in a transaction, recorded in <c>schema_migrations</c>). Idempotent.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>A real round trip to the database.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    Task<LastGoodValue?> GetLastGoodAsync(string sourceName, CancellationToken cancellationToken);

    /// <summary>Upserts; an older value never replaces a newer one (instances may race).</summary>
    Task SaveLastGoodAsync(LastGoodValue value, CancellationToken cancellationToken);

    Task AppendHistoryAsync(HistoryPoint point, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="limit"/> points of a source, oldest first.</summary>
    Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(string sourceName, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes history points older than <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> PruneHistoryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);

    /// <summary>A cheap read of the configuration version, bumped by every configuration write (instances poll it).</summary>
    Task<long> GetConfigVersionAsync(CancellationToken cancellationToken);

    /// <summary>Every stored configuration item and the version they belong to, read consistently.</summary>
    Task<StoredConfigSnapshot> GetConfigAsync(CancellationToken cancellationToken);

    /// <summary>Creates (<paramref name="expectedVersion"/> null: must not exist yet) or updates (must still be at
    /// <paramref name="expectedVersion"/>) an item, appends the audit entry and bumps the configuration version, in one transaction.</summary>
    Task<ConfigSaveResult> SaveConfigItemAsync(StoredConfigItem item, long? expectedVersion, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Deletes an item still at <paramref name="expectedVersion"/>, with its audit entry, in one transaction.</summary>
    Task<ConfigSaveResult> DeleteConfigItemAsync(string kind, string name, long expectedVersion, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Replaces every configuration item atomically (import); item versions continue from the versions they
    /// replace so that a form opened before stays stale. The database is then under <see cref="ConfigRules.Provisioning"/>.</summary>
    Task ReplaceConfigAsync(IReadOnlyList<StoredConfigItem> items, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The seed-once migration's write (<see cref="Configuration.SeedOnceMigration"/>): while the database is not yet
    /// under <see cref="ConfigRules.Provisioning"/>, deletes <paramref name="redundant"/> (items still at their listed version),
    /// appends the audit entry and moves it to <see cref="ConfigRules.Provisioning"/>, in one transaction. False when another
    /// instance migrated it first (nothing is changed then).</summary>
    Task<bool> AdoptProvisioningRulesAsync(IReadOnlyList<StoredConfigItem> redundant, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="limit"/> audit entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Every ASP.NET Core Data Protection key document, oldest first: the key ring all instances share, so a
    /// sign-in cookie or form token issued by one instance is accepted by another.</summary>
    Task<IReadOnlyList<StoredDataProtectionKey>> GetDataProtectionKeysAsync(CancellationToken cancellationToken);

    /// <summary>Adds a key document. Keys are never changed: a name already stored keeps its first document.</summary>
    Task SaveDataProtectionKeyAsync(StoredDataProtectionKey key, CancellationToken cancellationToken);

    /// <summary>Claims <paramref name="claimKey"/> (one notice: webhook, source, kind, de-duplication window) for the caller:
    /// true for the first caller across all instances, false for every later one. Claims made more than a day before
    /// <paramref name="at"/> are deleted on the way, so the table stays small.</summary>
    Task<bool> TryClaimNotificationAsync(string claimKey, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The last good version of every provisioning file any instance saved, by path.</summary>
    Task<IReadOnlyList<StoredProvisionedFile>> GetProvisionedFilesAsync(CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="file"/> as its path's last good version, replacing the one saved before.</summary>
    Task SaveProvisionedFileAsync(StoredProvisionedFile file, CancellationToken cancellationToken);

    /// <summary>Forgets the last good version of <paramref name="path"/> (the file was removed).</summary>
    Task DeleteProvisionedFileAsync(string path, CancellationToken cancellationToken);

    /// <summary>Records one sign-in attempt against <paramref name="limitKey"/> at <paramref name="at"/> and returns it
    /// with the other attempts against that key within (<paramref name="at"/> − <paramref name="window"/>,
    /// <paramref name="at"/>], from every instance. Attempts older than the window are deleted on the way (for every key:
    /// the window is one setting), so the table holds only the last window's attempts.</summary>
    Task<SignInAttempt> RecordSignInAttemptAsync(string limitKey, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Removes a recorded attempt again (it was refused, and refused attempts do not count).</summary>
    Task ForgetSignInAttemptAsync(string id, CancellationToken cancellationToken);
}

/// <summary>The last successful value of a source. Fingerprint identifies the source configuration
/// that produced it, so a value fetched under an older configuration is not shown as current.</summary>
public sealed record LastGoodValue(string SourceName, string Fingerprint, string ValueJson, DateTimeOffset FetchedAt);

public sealed record HistoryPoint(string SourceName, DateTimeOffset At, double Value);
