namespace Dashboard.Sources.Sql;

/// <summary>All named databases, bound from <c>Dashboard:Connections</c>. A wrapper because the options
/// pattern needs a class; names compare case-insensitively like configuration keys do.</summary>
public sealed class SqlConnectionsOptions
{
    public const string SectionPath = "Dashboard:Connections";

    public Dictionary<string, SqlConnectionOptions> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The named connection, or null. The binder may replace the dictionary (and its comparer), so this falls
    /// back to a case-insensitive scan.</summary>
    public SqlConnectionOptions? Find(string name) =>
        string.IsNullOrWhiteSpace(name) ? null
        : Connections.TryGetValue(name, out var found) ? found
        : Connections.FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
