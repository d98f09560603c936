namespace Dashboard.Storage;

/// <summary>One sign-in attempt just recorded (<see cref="IDashboardStore.RecordSignInAttemptAsync"/>): its row id, to
/// remove it again when it is refused, and the times of the other attempts against the same key within the window,
/// oldest first, from every instance.</summary>
public sealed record SignInAttempt(string Id, IReadOnlyList<DateTimeOffset> Earlier);
