namespace Dashboard.History;

/// <summary>A source's history over a window, as a chart draws it: one bucket per interval with points in it, or why it
/// could not be read (the chart then says so; the panel's value is unaffected).</summary>
public sealed record HistorySeries(IReadOnlyList<HistoryBucket> Buckets, string? Problem)
{
    public static HistorySeries Unavailable(string problem) => new([], problem);
}
