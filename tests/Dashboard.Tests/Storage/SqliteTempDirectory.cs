namespace Dashboard.Tests.Storage;

/// <summary>A temporary folder per test class for SQLite database files, deleted afterwards.</summary>
public sealed class SqliteTempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dashboard-storage-").FullName;

    /// <summary>The class's database file.</summary>
    public string ConnectionString => $"Data Source={System.IO.Path.Combine(Path, "dashboard.db")}";

    /// <summary>A connection string for a database file not created yet.</summary>
    public string NewConnectionString() => $"Data Source={System.IO.Path.Combine(Path, $"{Guid.NewGuid():N}.db")}";

    // Tests dispose their stores, which closes pooled connections, so the files are free by now.
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
