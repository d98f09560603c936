namespace Dashboard.Panels;

/// <summary>A threshold level as words, shown beside its colour.</summary>
public static class LevelNames
{
    public static string Of(string? level) => level?.ToLowerInvariant() switch
    {
        "critical" => "Critical",
        "warn" => "Warning",
        _ => "OK",
    };
}
