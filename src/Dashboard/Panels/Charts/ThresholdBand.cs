namespace Dashboard.Panels.Charts;

/// <summary>The values from <see cref="From"/> to <see cref="To"/> are at <see cref="Level"/>; a threshold line is
/// drawn at <see cref="From"/> unless this is the lowest band.</summary>
public sealed record ThresholdBand(double From, double To, string Level, string? Label, bool IsBase);
