namespace Dashboard.Panels.Charts;

/// <summary>Where a line must break, so it is never drawn across missing data. A series is cut
/// <list type="bullet">
/// <item>at every missing value (null, NaN or infinite), and</item>
/// <item>between two points further apart than <see cref="Factor"/> × the expected step — the time range's bucket width
/// when known, else the median distance between the series' points — i.e. where at least one bucket is missing.</item>
/// </list>
/// Each run of points left is drawn as one line; a run of one point is drawn as a dot.</summary>
public static class GapRule
{
    public const double Factor = 1.5;

    /// <summary>Runs of points with values, in time order.</summary>
    public static IReadOnlyList<IReadOnlyList<TimePoint>> Runs(IReadOnlyList<TimePoint> points, TimeSpan? expectedStep = null)
    {
        var sorted = points.OrderBy(p => p.At).ToList();
        var step = expectedStep is { Ticks: > 0 } given ? given : MedianStep(sorted);
        var longest = step is { } s ? s * Factor : TimeSpan.MaxValue;
        var runs = new List<IReadOnlyList<TimePoint>>();
        var run = new List<TimePoint>();
        TimePoint? previous = null;
        foreach (var point in sorted)
        {
            var gap = previous is { } p && point.At - p.At > longest;
            if (!point.HasValue || gap)
            {
                Close();
            }

            if (point.HasValue)
            {
                run.Add(point);
            }

            previous = point;
        }

        Close();
        return runs;

        void Close()
        {
            if (run.Count > 0)
            {
                runs.Add(run);
                run = [];
            }
        }
    }

    /// <summary>The median distance between consecutive distinct times; null for fewer than two.</summary>
    public static TimeSpan? MedianStep(IReadOnlyList<TimePoint> sorted)
    {
        var steps = new List<long>(sorted.Count);
        for (var i = 1; i < sorted.Count; i++)
        {
            var step = (sorted[i].At - sorted[i - 1].At).Ticks;
            if (step > 0)
            {
                steps.Add(step);
            }
        }

        if (steps.Count == 0)
        {
            return null;
        }

        steps.Sort();
        return TimeSpan.FromTicks(steps[steps.Count / 2]);
    }
}
