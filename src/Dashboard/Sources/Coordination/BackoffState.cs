namespace Dashboard.Sources.Coordination;

/// <summary>A failing entry: <paramref name="Failures"/> failed refreshes in a row, the next allowed at
/// <paramref name="RetryAt"/>; the last real failure's reasons (detailed for admins, public for everyone).</summary>
public sealed record BackoffState(int Failures, DateTimeOffset RetryAt, string Reason, string PublicReason);
