namespace Dashboard.Panels.Charts;

/// <summary>A series' legend figures over the points shown: the last value (by time), the lowest and the highest.
/// Null when the series has no value at all.</summary>
public sealed record SeriesStats(double Last, double Min, double Max, int Count)
{
    public static SeriesStats? Of(IEnumerable<TimePoint> points)
    {
        var valued = points.Where(p => p.HasValue).ToList();
        if (valued.Count == 0)
        {
            return null;
        }

        var values = valued.Select(p => p.Value!.Value).ToList();
        var last = valued.MaxBy(p => p.At).Value!.Value;
        return new SeriesStats(last, values.Min(), values.Max(), values.Count);
    }
}
