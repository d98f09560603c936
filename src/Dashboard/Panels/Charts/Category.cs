namespace Dashboard.Panels.Charts;

/// <summary>One bar's data: a label and its value (null when the source had no number for it).</summary>
public sealed record Category(string Label, double? Value);
