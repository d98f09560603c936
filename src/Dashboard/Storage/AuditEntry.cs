namespace Dashboard.Storage;

/// <summary>One line of the configuration audit log: who did what to which item, when, and a summary
/// of before/after (never a secret).</summary>
public sealed record AuditEntry(DateTimeOffset At, string User, string Action, string ItemKind, string ItemName, string Summary);
