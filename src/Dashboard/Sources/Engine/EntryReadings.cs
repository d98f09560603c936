namespace Dashboard.Sources.Engine;

/// <summary>Builds what a panel gets from an entry: its fresh value, or the fallback (the last good value marked stale
/// with why, or "unavailable") with when it is tried again while it backs off.</summary>
internal static class EntryReadings
{
    public static SourceReading Fresh(SourceEntry entry, CachedValue value) => new()
    {
        SourceName = entry.Name,
        State = ReadingState.Fresh,
        Value = value.Value,
        FetchedAt = value.FetchedAt,
        History = entry.History,
    };

    public static SourceReading Fallback(SourceEntry entry, string reason, string publicReason, DateTimeOffset? nextRetryAt = null) => entry.LastGood is { } last
        ? new SourceReading
        {
            SourceName = entry.Name,
            State = ReadingState.Stale,
            Value = last.Value,
            FetchedAt = last.FetchedAt,
            Reason = reason,
            PublicReason = publicReason,
            NextRetryAt = nextRetryAt,
            History = entry.History,
        }
        : SourceReading.Unavailable(entry.Name, reason, publicReason, nextRetryAt);
}
