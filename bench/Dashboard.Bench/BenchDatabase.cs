using System.Diagnostics;
using Npgsql;

namespace Dashboard.Bench;

/// <summary>The bench's own PostgreSQL database: the <c>events</c> table the SQL panels query
/// (also the app's storage database).</summary>
public static class BenchDatabase
{
    /// <summary>Prints the connection string of the bench database: the admin one with another database.</summary>
    public static int PrintConnectionString(Args options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Required("admin")) { Database = options.Required("database") };
        Console.WriteLine(builder.ConnectionString);
        return 0;
    }

    public static async Task<int> SetupAsync(Args options)
    {
        var admin = options.Required("admin");
        var database = options.Required("database");
        var rows = options.Int("rows", 200_000);
        if (!System.Text.RegularExpressions.Regex.IsMatch(database, "^[a-z_][a-z0-9_]{0,54}$"))
        {
            throw new BenchException($"database name '{database}' must be lower-case letters, digits and '_'");
        }

        var watch = Stopwatch.StartNew();
        await using (var server = new NpgsqlConnection(admin))
        {
            await server.OpenAsync();
            // A fresh database per run: no state (last good values, history) from an earlier run.
            await Execute(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await Execute(server, $"CREATE DATABASE {database}");
            // The app's storage: a database of its own, since SQL sources may not read the storage database.
            await Execute(server, $"DROP DATABASE IF EXISTS {database}_storage WITH (FORCE)");
            await Execute(server, $"CREATE DATABASE {database}_storage");
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, "CREATE TABLE events (id bigserial PRIMARY KEY, occurred_at timestamptz NOT NULL, kind text NOT NULL, amount numeric NOT NULL)");
        // Spread over the last 30 days, so "last day" selects ~1/30 and "last 7 days" ~7/30 of the rows.
        await Execute(
            connection,
            $"""
            INSERT INTO events (occurred_at, kind, amount)
            SELECT now() - (random() * interval '30 days'),
                   (ARRAY['order','refund','signup','visit','payment'])[1 + (g % 5)],
                   round((random() * 500)::numeric, 2)
            FROM generate_series(1, {rows}) AS g
            """);
        await Execute(connection, "CREATE INDEX events_occurred_at ON events (occurred_at)");
        await Execute(connection, "ANALYZE events");
        Console.WriteLine($"database {database}: {rows} events in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>Empties the app's storage tables (if they exist yet), so each configuration starts cold.</summary>
    public static async Task<int> ResetStorageAsync(Args options)
    {
        await using var connection = new NpgsqlConnection(options.Required("connection"));
        await connection.OpenAsync();
        await Execute(connection, """
            DO $$
            BEGIN
              IF to_regclass('last_good') IS NOT NULL THEN TRUNCATE last_good; END IF;
              IF to_regclass('source_history') IS NOT NULL THEN TRUNCATE source_history; END IF;
              -- Stored configuration wins over the file once seeded: clear it so each run seeds its own.
              IF to_regclass('config_items') IS NOT NULL THEN TRUNCATE config_items; END IF;
              IF to_regclass('config_state') IS NOT NULL THEN UPDATE config_state SET version = 0, seeded = 0; END IF;
              IF to_regclass('config_audit') IS NOT NULL THEN TRUNCATE config_audit; END IF;
              -- Leases of the last run's instances (gone now) would hold their entries until they expire.
              IF to_regclass('fetch_leases') IS NOT NULL THEN TRUNCATE fetch_leases; END IF;
            END $$
            """);
        return 0;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }
}
