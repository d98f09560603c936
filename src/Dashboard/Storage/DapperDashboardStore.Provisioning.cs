using Dapper;

namespace Dashboard.Storage;

/// <summary>The last good version of each provisioning file: one row per file path, replaced when a newer version is
/// put in force and deleted when the file is removed.</summary>
public abstract partial class DapperDashboardStore
{
    public async Task<IReadOnlyList<StoredProvisionedFile>> GetProvisionedFilesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProvisionedFileRow>(Command(
            "SELECT path AS Path, hash AS Hash, content AS Content, saved_at_ms AS SavedAtMs FROM provisioned_files ORDER BY path",
            null,
            cancellationToken));
        return [.. rows.Select(r => new StoredProvisionedFile(r.Path, r.Hash, r.Content, FromUnixMs(r.SavedAtMs)))];
    }

    public async Task SaveProvisionedFileAsync(StoredProvisionedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(file.Path, nameof(file));
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(
            """
            INSERT INTO provisioned_files (path, hash, content, saved_at_ms) VALUES (@Path, @Hash, @Content, @SavedAtMs)
            ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, content = excluded.content, saved_at_ms = excluded.saved_at_ms
            """,
            new { file.Path, file.Hash, file.Content, SavedAtMs = ToUnixMs(file.SavedAt) },
            cancellationToken));
    }

    public async Task DeleteProvisionedFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command("DELETE FROM provisioned_files WHERE path = @path", new { path }, cancellationToken));
    }

    private sealed class ProvisionedFileRow
    {
        public string Path { get; init; } = "";

        public string Hash { get; init; } = "";

        public byte[] Content { get; init; } = [];

        public long SavedAtMs { get; init; }
    }
}
