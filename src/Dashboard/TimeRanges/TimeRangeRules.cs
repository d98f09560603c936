namespace Dashboard.TimeRanges;

/// <summary>What makes a range unusable, as a message for the viewer (or the configuration key).</summary>
public static class TimeRangeRules
{
    /// <summary>Longer ranges are refused: a year is more than any source keeps in detail, and an unbounded range
    /// (from 1970) would make SQL sources scan everything.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366);

    /// <summary>Null when the range can be shown at <paramref name="now"/>, else why not.</summary>
    public static string? Problem(TimeRange range, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.From.IsRelative && !range.To.IsRelative)
        {
            return $"'{range.From}' is relative, so the range must end at now or now-… (got '{range.To}')";
        }

        var from = range.From.At(now);
        var to = range.To.At(now);
        if (from >= to)
        {
            return $"the start ({range.From}) must be before the end ({range.To})";
        }

        if (from > now)
        {
            return $"the range starts in the future ({range.From})";
        }

        if (to - from > MaxSpan)
        {
            return $"the range spans {(to - from).TotalDays:0} days; at most {MaxSpan.TotalDays:0} days can be shown";
        }

        return null;
    }
}
