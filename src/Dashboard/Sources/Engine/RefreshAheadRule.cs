namespace Dashboard.Sources.Engine;

/// <summary>When a value that is being read is refreshed before it expires: at about 80 % of MaxAge (75 to 85 %, by
/// jitter, so entries fetched together do not refresh together), earlier by the time its own fetch took so the next
/// value is in before this one expires, but never before half of MaxAge. For live viewers, also not before their
/// minimum interval (a MaxAge 0 source is refreshed once per interval while watched).</summary>
public static class RefreshAheadRule
{
    public const double Share = 0.8;
    public const double Jitter = 0.05;

    /// <param name="u">Uniform in [0, 1).</param>
    public static DateTimeOffset Due(DateTimeOffset fetchedAt, TimeSpan maxAge, TimeSpan fetchLatency, double u)
    {
        var share = Share - Jitter + (2 * Jitter * Math.Clamp(u, 0, 1));
        var ahead = TimeSpan.FromTicks((long)(maxAge.Ticks * share)) - fetchLatency;
        var earliest = maxAge / 2;
        return fetchedAt + (ahead > earliest ? ahead : earliest);
    }

    /// <summary>For an entry live viewers watch: never sooner than <paramref name="minInterval"/> after the value.</summary>
    public static DateTimeOffset DueLive(DateTimeOffset due, DateTimeOffset fetchedAt, TimeSpan minInterval) =>
        due > fetchedAt + minInterval ? due : fetchedAt + minInterval;
}
