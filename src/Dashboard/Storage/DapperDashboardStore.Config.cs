using System.Data;
using System.Data.Common;
using Dapper;

namespace Dashboard.Storage;

/// <summary>Stored configuration. Every write runs in one transaction that first bumps <c>config_state</c>
/// (which also serialises writers on PostgreSQL; SQLite's BEGIN IMMEDIATE already does), so a crash mid-save
/// rolls back and leaves the previous version intact.</summary>
public abstract partial class DapperDashboardStore
{
    public async Task<long> GetConfigVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(Command("SELECT version FROM config_state WHERE id = 1", null, cancellationToken));
    }

    public async Task<StoredConfigSnapshot> GetConfigAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var state = await connection.QuerySingleAsync<StateRow>(Command(
            "SELECT version AS Version, seeded AS Seeded FROM config_state WHERE id = 1", null, transaction, cancellationToken));
        var rows = await connection.QueryAsync<ItemRow>(Command(
            "SELECT kind AS Kind, name AS Name, json AS Json, version AS Version FROM config_items ORDER BY kind, name",
            null,
            transaction,
            cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new StoredConfigSnapshot(state.Version, (ConfigRules)state.Seeded, [.. rows.Select(r => new StoredConfigItem(r.Kind, r.Name, r.Json, r.Version))]);
    }

    public async Task<ConfigSaveResult> SaveConfigItemAsync(StoredConfigItem item, long? expectedVersion, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(audit);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BumpConfigVersionAsync(connection, transaction, cancellationToken);
        var now = audit.At.ToUnixTimeMilliseconds();
        long newVersion;
        if (expectedVersion is null)
        {
            newVersion = 1;
            var inserted = await connection.ExecuteAsync(Command(
                """
                INSERT INTO config_items (kind, name, version, json, updated_at_ms) VALUES (@Kind, @Name, 1, @Json, @Now)
                ON CONFLICT (kind, name) DO NOTHING
                """,
                new { item.Kind, item.Name, item.Json, Now = now },
                transaction,
                cancellationToken));
            if (inserted == 0)
            {
                var current = await CurrentVersionAsync(connection, transaction, item.Kind, item.Name, cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
                return ConfigSaveResult.Conflicted(current);
            }
        }
        else
        {
            newVersion = expectedVersion.Value + 1;
            var updated = await connection.ExecuteAsync(Command(
                """
                UPDATE config_items SET json = @Json, version = @NewVersion, updated_at_ms = @Now
                WHERE kind = @Kind AND name = @Name AND version = @Expected
                """,
                new { item.Kind, item.Name, item.Json, NewVersion = newVersion, Expected = expectedVersion.Value, Now = now },
                transaction,
                cancellationToken));
            if (updated == 0)
            {
                var current = await CurrentVersionAsync(connection, transaction, item.Kind, item.Name, cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
                return ConfigSaveResult.Conflicted(current);
            }
        }

        await AppendAuditAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ConfigSaveResult.Saved(newVersion);
    }

    public async Task<ConfigSaveResult> DeleteConfigItemAsync(string kind, string name, long expectedVersion, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BumpConfigVersionAsync(connection, transaction, cancellationToken);
        var deleted = await connection.ExecuteAsync(Command(
            "DELETE FROM config_items WHERE kind = @kind AND name = @name AND version = @expectedVersion",
            new { kind, name, expectedVersion },
            transaction,
            cancellationToken));
        if (deleted == 0)
        {
            var current = await CurrentVersionAsync(connection, transaction, kind, name, cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return ConfigSaveResult.Conflicted(current);
        }

        await AppendAuditAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ConfigSaveResult.Saved(expectedVersion);
    }

    public async Task ReplaceConfigAsync(IReadOnlyList<StoredConfigItem> items, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(audit);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BumpConfigVersionAsync(connection, transaction, cancellationToken);
        await SetRulesAsync(connection, transaction, ConfigRules.Provisioning, cancellationToken);
        var previous = (await connection.QueryAsync<ItemRow>(Command(
                "SELECT kind AS Kind, name AS Name, json AS Json, version AS Version FROM config_items", null, transaction, cancellationToken)))
            .ToDictionary(r => (r.Kind, r.Name), r => r.Version);
        await connection.ExecuteAsync(Command("DELETE FROM config_items", null, transaction, cancellationToken));
        var now = audit.At.ToUnixTimeMilliseconds();
        foreach (var item in items)
        {
            var version = previous.GetValueOrDefault((item.Kind, item.Name)) + 1;
            await connection.ExecuteAsync(Command(
                "INSERT INTO config_items (kind, name, version, json, updated_at_ms) VALUES (@Kind, @Name, @Version, @Json, @Now)",
                new { item.Kind, item.Name, Version = version, item.Json, Now = now },
                transaction,
                cancellationToken));
        }

        await AppendAuditAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> AdoptProvisioningRulesAsync(IReadOnlyList<StoredConfigItem> redundant, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redundant);
        ArgumentNullException.ThrowIfNull(audit);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The bump takes the row lock first, so instances starting at once migrate one after the other and the later one
        // sees the new rules and changes nothing.
        await BumpConfigVersionAsync(connection, transaction, cancellationToken);
        var rules = await connection.ExecuteScalarAsync<long>(Command("SELECT seeded FROM config_state WHERE id = 1", null, transaction, cancellationToken));
        if (rules >= (long)ConfigRules.Provisioning)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        foreach (var item in redundant)
        {
            // Only the version the migration compared: an item edited meanwhile stays (it is then shadowed, not lost).
            await connection.ExecuteAsync(Command(
                "DELETE FROM config_items WHERE kind = @Kind AND name = @Name AND version = @Version",
                new { item.Kind, item.Name, item.Version },
                transaction,
                cancellationToken));
        }

        await SetRulesAsync(connection, transaction, ConfigRules.Provisioning, cancellationToken);
        await AppendAuditAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(Command(
            """
            SELECT at_ms AS AtMs, user_name AS UserName, action AS Action, item_kind AS ItemKind, item_name AS ItemName, summary AS Summary
            FROM config_audit ORDER BY id DESC LIMIT @limit
            """,
            new { limit },
            cancellationToken));
        return [.. rows.Select(r => new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.UserName, r.Action, r.ItemKind, r.ItemName, r.Summary))];
    }

    /// <summary>A command in a transaction, bounded by the configured timeout.</summary>
    protected CommandDefinition Command(string sql, object? parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, CommandTimeoutSeconds, cancellationToken: cancellationToken);

    private Task BumpConfigVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command("UPDATE config_state SET version = version + 1 WHERE id = 1", null, transaction, cancellationToken));

    // config_state.seeded predates provisioning; it now holds the ConfigRules value.
    private Task SetRulesAsync(DbConnection connection, DbTransaction transaction, ConfigRules rules, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command("UPDATE config_state SET seeded = @Rules WHERE id = 1", new { Rules = (long)rules }, transaction, cancellationToken));

    private async Task<long?> CurrentVersionAsync(DbConnection connection, DbTransaction transaction, string kind, string name, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long?>(Command(
            "SELECT version FROM config_items WHERE kind = @kind AND name = @name", new { kind, name }, transaction, cancellationToken));

    private Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, AuditEntry audit, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            """
            INSERT INTO config_audit (at_ms, user_name, action, item_kind, item_name, summary)
            VALUES (@AtMs, @User, @Action, @ItemKind, @ItemName, @Summary)
            """,
            new { AtMs = audit.At.ToUnixTimeMilliseconds(), audit.User, audit.Action, audit.ItemKind, audit.ItemName, audit.Summary },
            transaction,
            cancellationToken));

    private sealed class StateRow
    {
        public long Version { get; init; }

        public long Seeded { get; init; }
    }

    private sealed class ItemRow
    {
        public string Kind { get; init; } = "";

        public string Name { get; init; } = "";

        public string Json { get; init; } = "";

        public long Version { get; init; }
    }

    private sealed class AuditRow
    {
        public long AtMs { get; init; }

        public string UserName { get; init; } = "";

        public string Action { get; init; } = "";

        public string ItemKind { get; init; } = "";

        public string ItemName { get; init; } = "";

        public string Summary { get; init; } = "";
    }
}
