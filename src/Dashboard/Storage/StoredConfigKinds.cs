namespace Dashboard.Storage;

/// <summary>Kinds of stored configuration items.</summary>
public static class StoredConfigKinds
{
    /// <summary>A source; the name is the source name, the JSON a <c>SourceOptions</c>.</summary>
    public const string Source = "source";

    /// <summary>A dashboard with its panels; the name is the slug.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>The one settings item (name <c>settings</c>): default dashboard and dashboard order.</summary>
    public const string Settings = "settings";
}
