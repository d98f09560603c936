using Dashboard.Panels.Formatting;

namespace Dashboard.Panels.Charts;

/// <summary>Places series on a time axis: x domain from the time window (or the data), "nice" y axis over the values
/// shown and the threshold lines, runs between gaps (<see cref="GapRule"/>), threshold bands, legend figures and the text
/// summary screen readers get.</summary>
public static class TimeseriesLayout
{
    // With at most this many points per series, every point gets a dot too (a handful of points reads better so).
    private const int DotAllBelow = 12;

    public static TimeseriesGeometry Compute(
        IReadOnlyList<ChartSeries> series,
        TimeDomain? window,
        PanelOptions panel,
        ChartSize size,
        FormatContext context)
    {
        var format = ValueFormat.For(panel.Format, panel.Decimals);
        var sorted = series.Select(s => s with { Points = [.. s.Points.OrderBy(p => p.At)] }).ToList();
        var (from, to) = XDomain(sorted, window);
        var shown = sorted.Select(s => InDomain(s.Points, from, to)).ToList();
        var stats = shown.Select(SeriesStats.Of).ToList();

        var area = string.Equals(panel.ChartStyle, "area", StringComparison.OrdinalIgnoreCase);
        var thresholdStyle = (panel.ThresholdStyle ?? "lines").ToLowerInvariant();
        var values = stats.OfType<SeriesStats>().SelectMany(s => new[] { s.Min, s.Max })
            .Concat(sorted.SelectMany(s => s.Band ?? []).Where(b => b.At >= from && b.At <= to).SelectMany(b => new[] { b.Low, b.High }).Where(double.IsFinite))
            .Concat(thresholdStyle == "off" ? [] : ThresholdBands.ValuesToShow(panel.Thresholds))
            .ToList();
        var y = ValueAxis.For(
            values.Count == 0 ? 0 : values.Min(),
            values.Count == 0 ? 1 : values.Max(),
            size.MaxValueTicks,
            format,
            includeZero: area,
            panel.Min,
            panel.Max);

        var plotHeight = size.PlotHeight;
        double Px(double value) => plotHeight * (1 - y.Fraction(value));
        double X(DateTimeOffset at) => TimeseriesGeometry.PlotWidth * (at - from) / (to - from);

        var labels = AxisLabels.For(y, format, panel.Unit, context);
        var valueTicks = y.Ticks.Select((t, i) => new ValueTickMark(Px(t), labels[i])).ToList();
        var timeTicks = TimeTicks.For(from, to, context.Zone, size.MaxTimeTicks)
            .Select(t => new TimeTickMark((t.At - from) / (to - from), t.Label, t.Major, t.At))
            .ToList();

        var baseline = Px(Math.Clamp(0, y.Min, y.Max));
        var shapes = new List<SeriesShape>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var runs = GapRule.Runs(WithNeighbours(sorted[i].Points, from, to), window?.Step);
            var shape = Shape(sorted[i].Name, SeriesPalette.ClassFor(i), runs, stats[i], area, baseline, X, Px);
            shapes.Add(sorted[i].Band is { } band ? shape with { Band = BandPath(band, window?.Step, X, Px) } : shape);
        }

        var thresholds = thresholdStyle == "off"
            ? []
            : ThresholdBands.Within(panel.Thresholds, y.Min, y.Max)
                .Select(b => new ThresholdMark(Px(b.To), Px(b.From), b.Level, b.Label, !b.IsBase, b.From))
                .ToList();
        double? zero = y.Min < 0 && y.Max > 0 ? Px(0) : null;
        var description = ChartSummary.Describe(sorted.Select(s => s.Name).ToList(), stats, from, to, format, panel.Unit, context);
        return new TimeseriesGeometry(size, from, to, y, timeTicks, valueTicks, shapes, thresholds, zero, description);
    }

    private static (DateTimeOffset From, DateTimeOffset To) XDomain(IReadOnlyList<ChartSeries> series, TimeDomain? window)
    {
        if (window is { } w && w.To > w.From)
        {
            return (w.From, w.To);
        }

        var times = series.SelectMany(s => s.Points).Select(p => p.At).ToList();
        if (times.Count == 0)
        {
            var now = DateTimeOffset.UnixEpoch;
            return (now, now.AddHours(1));
        }

        var (min, max) = (times.Min(), times.Max());
        if (max > min)
        {
            return (min, max);
        }

        // One point in time: put it in the middle of a short span.
        var half = window?.Step is { Ticks: > 0 } step ? step : TimeSpan.FromMinutes(5);
        return (min - half, max + half);
    }

    private static List<TimePoint> InDomain(IReadOnlyList<TimePoint> sorted, DateTimeOffset from, DateTimeOffset to) =>
        [.. sorted.Where(p => p.At >= from && p.At <= to)];

    /// <summary>The points in the domain and the nearest one on each side of it, so lines run to the edges (the plot
    /// clips them) rather than stopping at the first point inside.</summary>
    private static List<TimePoint> WithNeighbours(IReadOnlyList<TimePoint> sorted, DateTimeOffset from, DateTimeOffset to)
    {
        var first = -1;
        var last = -1;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].At >= from && sorted[i].At <= to)
            {
                first = first < 0 ? i : first;
                last = i;
            }
        }

        if (first < 0)
        {
            return [];
        }

        var start = Math.Max(0, first - 1);
        var end = Math.Min(sorted.Count - 1, last + 1);
        return sorted.Skip(start).Take(end - start + 1).ToList();
    }

    /// <summary>The band as one closed shape per run (high edge forward, low edge back), broken at gaps like a line.</summary>
    private static string BandPath(IReadOnlyList<BandPoint> band, TimeSpan? step, Func<DateTimeOffset, double> x, Func<double, double> y)
    {
        var edges = band.Where(b => double.IsFinite(b.Low) && double.IsFinite(b.High)).ToDictionary(b => b.At);
        var path = new SvgPath();
        foreach (var run in GapRule.Runs([.. edges.Values.Select(b => new TimePoint(b.At, b.High))], step).Where(r => r.Count > 1))
        {
            path.MoveTo(x(run[0].At), y(edges[run[0].At].High));
            for (var i = 1; i < run.Count; i++)
            {
                path.LineTo(x(run[i].At), y(edges[run[i].At].High));
            }

            for (var i = run.Count - 1; i >= 0; i--)
            {
                path.LineTo(x(run[i].At), y(edges[run[i].At].Low));
            }

            path.Close();
        }

        return path.ToString();
    }

    private static SeriesShape Shape(
        string name, string css, IReadOnlyList<IReadOnlyList<TimePoint>> runs, SeriesStats? stats, bool area, double baseline,
        Func<DateTimeOffset, double> x, Func<double, double> y)
    {
        var line = new SvgPath();
        var fill = new SvgPath();
        var dots = new SvgPath();
        var dotAll = runs.Sum(r => r.Count) <= DotAllBelow;
        foreach (var run in runs)
        {
            if (run.Count == 1 || dotAll)
            {
                foreach (var point in run)
                {
                    dots.Dot(x(point.At), y(point.Value!.Value));
                }
            }

            if (run.Count == 1)
            {
                continue;
            }

            line.MoveTo(x(run[0].At), y(run[0].Value!.Value));
            for (var i = 1; i < run.Count; i++)
            {
                line.LineTo(x(run[i].At), y(run[i].Value!.Value));
            }

            if (area)
            {
                fill.MoveTo(x(run[0].At), baseline);
                foreach (var point in run)
                {
                    fill.LineTo(x(point.At), y(point.Value!.Value));
                }

                fill.LineTo(x(run[^1].At), baseline).Close();
            }
        }

        return new SeriesShape(name, css, line.ToString(), area ? fill.ToString() : null, dots.ToString(), stats);
    }
}
