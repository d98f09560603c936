namespace Dashboard.Sources.Sql;

/// <summary>A named database that SQL sources query (bound from <c>Dashboard:Connections:{name}</c>).</summary>
public sealed class SqlConnectionOptions
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The connection string; may be a reference <c>{secret:NAME}</c> to a configuration key or environment variable.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary><see cref="Provider"/> understood, or null when it names no supported database.</summary>
    public SqlProvider? KnownProvider => Provider?.Trim().ToLowerInvariant() switch
    {
        "sqlite" => SqlProvider.Sqlite,
        "postgres" or "postgresql" => SqlProvider.Postgres,
        _ => null,
    };
}
