namespace Dashboard.Panels.Charts;

/// <summary>The low and high edge of a series' band at one time (e.g. the minimum and maximum of a bucket).</summary>
public readonly record struct BandPoint(DateTimeOffset At, double Low, double High);
