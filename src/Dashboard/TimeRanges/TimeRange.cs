namespace Dashboard.TimeRanges;

/// <summary>A dashboard's time range as written: two <see cref="TimeExpression"/>s. Relative ranges (<c>now-6h..now</c>)
/// move with time; absolute ones (two instants) do not; an absolute start may run until now. Resolved to a
/// <see cref="TimeWindow"/> by <see cref="TimeRangeResolver"/>; checked by <see cref="TimeRangeRules"/>.</summary>
public sealed record TimeRange(TimeExpression From, TimeExpression To)
{
    /// <summary>The range a dashboard shows when it names none, and the engine's default window.</summary>
    public static TimeRange LastHour { get; } = Last(TimeSpan.FromHours(1));

    public static TimeRange Last(TimeSpan span) => new(TimeExpression.Before(span), TimeExpression.Now);

    /// <summary>Whether the range moves with time (its end is relative to now).</summary>
    public bool IsRelative => To.IsRelative;

    /// <summary>The canonical text, <c>from..to</c>: the cache key of the range (<see cref="TimeWindow.Key"/>).</summary>
    public string Key => $"{From}..{To}";

    public override string ToString() => Key;

    /// <summary>Reads a <see cref="Key"/> back (for renewing a cached window); null when it is not one.</summary>
    public static TimeRange? FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.IndexOf("..", StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        var from = TimeExpression.Parse(key[..separator], TimeZoneInfo.Utc, out _);
        var to = TimeExpression.Parse(key[(separator + 2)..], TimeZoneInfo.Utc, out _);
        return from is { } f && to is { } t && new TimeRange(f, t).Key == key ? new TimeRange(f, t) : null;
    }
}
