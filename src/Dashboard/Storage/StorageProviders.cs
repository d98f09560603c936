namespace Dashboard.Storage;

/// <summary>The storage provider names accepted in <c>Dashboard:Storage:Provider</c>.</summary>
public static class StorageProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The canonical name for <paramref name="name"/> (case-insensitive; <c>postgresql</c> is an alias
    /// of <c>postgres</c>), or null when it is not a supported provider.</summary>
    public static string? Normalize(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        Sqlite => Sqlite,
        Postgres or "postgresql" => Postgres,
        _ => null,
    };
}
