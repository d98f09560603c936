namespace Dashboard.Panels.Charts;

/// <summary>A panel's thresholds as bands over a value axis: the highest threshold at or below a value sets its level
/// (as for a stat), so each band runs from its threshold to the next; values below the lowest threshold have none.</summary>
public static class ThresholdBands
{
    public static IReadOnlyList<ThresholdBand> Within(IReadOnlyList<ThresholdOptions> thresholds, double min, double max)
    {
        var sorted = thresholds.Where(t => double.IsFinite(t.Value)).OrderBy(t => t.Value).ToList();
        var bands = new List<ThresholdBand>();
        for (var i = 0; i < sorted.Count; i++)
        {
            var from = sorted[i].Value;
            var to = i + 1 < sorted.Count ? sorted[i + 1].Value : double.PositiveInfinity;
            var clippedFrom = Math.Max(from, min);
            var clippedTo = Math.Min(to, max);
            if (clippedFrom < clippedTo || (clippedFrom == clippedTo && from == max))
            {
                bands.Add(new ThresholdBand(clippedFrom, clippedTo, sorted[i].Level.ToLowerInvariant(), sorted[i].Label, IsBase: i == 0 || from < min));
            }
        }

        return bands;
    }

    /// <summary>The values an axis must reach so every threshold line shows: all but the lowest (the base level, often
    /// 0, which would squash the data into a corner).</summary>
    public static IEnumerable<double> ValuesToShow(IReadOnlyList<ThresholdOptions> thresholds) =>
        thresholds.Where(t => double.IsFinite(t.Value)).OrderBy(t => t.Value).Skip(1).Select(t => t.Value);

    /// <summary>The level of <paramref name="value"/>, or null below every threshold.</summary>
    public static string? LevelOf(IReadOnlyList<ThresholdOptions> thresholds, double value) =>
        thresholds.Where(t => value >= t.Value).OrderBy(t => t.Value).LastOrDefault()?.Level.ToLowerInvariant();
}
