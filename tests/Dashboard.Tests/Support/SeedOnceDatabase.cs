using Dashboard.Storage;

namespace Dashboard.Tests.Support;

/// <summary>A database as versions before provisioning left it: on first start they copied the file configuration into
/// the database (every item at version 1, <c>config_state.seeded = 1</c>, one "seed" audit line) and treated the
/// database as the truth afterwards. Written with the SQL that version ran (DapperDashboardStore.SeedConfigAsync).</summary>
public static class SeedOnceDatabase
{
    public static async Task SeedAsOlderVersionsDidAsync(IDashboardStore store, IReadOnlyList<StoredConfigItem> items, CancellationToken cancellationToken)
    {
        await using var connection = await ((DapperDashboardStore)store).OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "UPDATE config_state SET version = version + 1 WHERE id = 1", [], cancellationToken);
        await ExecuteAsync(connection, transaction, "UPDATE config_state SET seeded = 1 WHERE id = 1", [], cancellationToken);
        foreach (var item in items)
        {
            await ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO config_items (kind, name, version, json, updated_at_ms) VALUES (@kind, @name, 1, @json, 0)",
                [("kind", item.Kind), ("name", item.Name), ("json", item.Json)],
                cancellationToken);
        }

        await ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO config_audit (at_ms, user_name, action, item_kind, item_name, summary) VALUES (0, 'system', 'seed', 'configuration', '*', 'seeded')",
            [],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
