namespace Dashboard.Panels.Charts;

/// <summary>One point of a time series; a null (or NaN, or infinite) value is missing data, drawn as a gap.</summary>
public readonly record struct TimePoint(DateTimeOffset At, double? Value)
{
    public bool HasValue => Value is { } v && double.IsFinite(v);
}
