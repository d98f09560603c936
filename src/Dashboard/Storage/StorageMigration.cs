namespace Dashboard.Storage;

/// <summary>One step of the schema, in each provider's dialect.</summary>
public sealed record StorageMigration(int Version, string Description, string SqliteSql, string PostgresSql)
{
    public string SqlFor(string provider) => provider switch
    {
        StorageProviders.Sqlite => SqliteSql,
        StorageProviders.Postgres => PostgresSql,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown storage provider"),
    };
}
