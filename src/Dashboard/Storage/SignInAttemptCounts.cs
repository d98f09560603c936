namespace Dashboard.Storage;

/// <summary>Sign-in attempts against one key: in the current counting window (the one just counted included) and in
/// the window before it, which a sliding estimate weighs in (see Admin's AttemptWindow).</summary>
public readonly record struct SignInAttemptCounts(int Current, int Previous);
