using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Storage;

/// <summary>The SQLite engine the app runs on comes from the Microsoft.Data.Sqlite bundle; a package change that
/// brings back an older engine (the old Core 6.0.7 + bundle 2.0.6 pair gave 3.35.5) must fail here.</summary>
public sealed class SqliteVersionTests
{
    private static readonly Version Minimum = new(3, 53);

    [Fact]
    public async Task The_bundled_sqlite_engine_is_at_least_3_53()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";

        var reported = (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(connection.ServerVersion, reported);
        Assert.True(Version.Parse(reported) >= Minimum, $"SQLite {reported} is older than {Minimum}");
    }
}
