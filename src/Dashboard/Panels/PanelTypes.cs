namespace Dashboard.Panels;

public static class PanelTypes
{
    public const string Stat = "stat";
    public const string Table = "table";
    public const string List = "list";
    public const string Status = "status";
    public const string Timeseries = "timeseries";
    public const string Bar = "bar";
    public const string Gauge = "gauge";

    public static readonly IReadOnlyList<string> All = [Stat, Table, List, Status, Timeseries, Bar, Gauge];

    public static readonly IReadOnlyList<string> ThresholdLevels = ["ok", "warn", "critical"];
}
