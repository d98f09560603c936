namespace Dashboard.Sources.Engine;

/// <summary>Which entries a refresh-ahead pass fetches (<see cref="SourceEngine.RefreshAhead"/>) and which it forgets.
/// Due: a value read since it was fetched, past <see cref="RefreshAheadRule.Due"/> (MaxAge 0 values only for live
/// viewers, once per their interval); a failing entry read since its last try, at its retry time; an entry live viewers
/// watch that has no value yet.</summary>
internal static class RefreshAheadSchedule
{
    public static bool IsDue(SourceEntry entry, SourceOptions options, DateTimeOffset now)
    {
        var live = entry.LiveUntil > now;
        var lastTry = entry.InFlight is null ? DateTimeOffset.MinValue : entry.InFlightStartedAt;
        if (entry.Backoff is { } backoff)
        {
            // Retried in the background once due, if anyone looked since the last try: a viewer then never waits for it.
            return backoff.RetryAt <= now && entry.LastReadAt > lastTry && (!live || now - lastTry >= entry.LiveMinInterval);
        }

        if (entry.LastGood is not { } value)
        {
            return live && now - lastTry >= entry.LiveMinInterval;
        }

        if (entry.LastReadAt <= value.FetchedAt || (options.MaxAge <= TimeSpan.Zero && !live))
        {
            return false;
        }

        var due = live ? RefreshAheadRule.DueLive(entry.RefreshAheadAt, value.FetchedAt, entry.LiveMinInterval) : entry.RefreshAheadAt;
        return now >= due && (!live || now - lastTry >= entry.LiveMinInterval);
    }

    // A range entry nobody read for this long is dropped (a custom range someone looked at once).
    public static TimeSpan ForgetAfter(SourceOptions options) =>
        options.MaxAge * 2 > TimeSpan.FromMinutes(10) ? options.MaxAge * 2 : TimeSpan.FromMinutes(10);
}
