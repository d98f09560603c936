namespace Dashboard.History;

/// <summary>The values of one source in one time bucket: average, minimum and maximum of <paramref name="Count"/> points,
/// the newest of them at <paramref name="LastAt"/>.</summary>
/// <param name="At">The bucket's start.</param>
public sealed record HistoryBucket(DateTimeOffset At, double Avg, double Min, double Max, long Count, DateTimeOffset LastAt);
