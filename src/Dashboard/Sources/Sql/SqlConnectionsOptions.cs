namespace Dashboard.Sources.Sql;

/// <summary>All named databases, bound from <c>Dashboard:Connections</c>. A wrapper because the options
/// pattern needs a class; names compare case-insensitively like configuration keys do.</summary>
public sealed class SqlConnectionsOptions
{
    public const string SectionPath = "Dashboard:Connections";

    public Dictionary<string, SqlConnectionOptions> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
