using Dashboard.Storage;

namespace Dashboard.Panels.Charts;

/// <summary>A named time series, whatever it came from: a Series or Table source value (<see cref="TimeseriesData"/>),
/// or a source's stored history (<see cref="FromHistory"/>). Points need not be sorted. <paramref name="Band"/>: a range
/// around the line drawn as a shaded band (a history's minimum and maximum per bucket), or null.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<TimePoint> Points, IReadOnlyList<BandPoint>? Band = null)
{
    public static ChartSeries FromHistory(string name, IEnumerable<HistoryPoint> history) =>
        new(name, [.. history.Select(p => new TimePoint(p.At, p.Value))]);
}
