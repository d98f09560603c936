namespace Dashboard.Sources;

public static class SourceKinds
{
    public const string Http = "http";
    public const string Sql = "sql";
}
