namespace Dashboard.Sources.Engine;

/// <summary>A source started or stopped failing, or its breaker flipped (raised by <see cref="SourceStatusBoard.StateChanged"/>).
/// <paramref name="Reason"/> is the failure reason for <see cref="SourceStateChangeKind.Failing"/>, else null.</summary>
public sealed record SourceStateChange(string SourceName, SourceStateChangeKind Kind, DateTimeOffset At, string? Reason);
