namespace Dashboard.History;

/// <summary>How long values are kept (bound from <c>Dashboard:History</c>). The former
/// <c>Dashboard:Storage:HistoryRetentionDays</c> still sets <see cref="Retention"/> when <c>Dashboard:History:Retention</c>
/// is absent; a warning at start-up names the new key.</summary>
public sealed class HistoryOptions
{
    public const string Section = "Dashboard:History";

    /// <summary>History points (each value a source that yields one number fetched) older than this are deleted, hourly.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Stored last good values of a source at one time range (<c>name#range</c>) not refreshed for this long are
    /// deleted with the history: a range nobody has looked at for a week needs no fallback value any more.</summary>
    public TimeSpan RangeValueRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Set when <see cref="Retention"/> came from the former key (said once at start-up).</summary>
    public int? RetentionFromLegacyDays { get; internal set; }

    public static readonly TimeSpan MinRetention = TimeSpan.FromHours(1);

    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(3660);
}
