namespace Dashboard.Panels.Charts;

/// <summary>A time-axis tick: where, its label, and whether it is major (minor labels are hidden on narrow charts, so
/// the labels left never overlap).</summary>
public sealed record TimeTick(DateTimeOffset At, string Label, bool Major);
