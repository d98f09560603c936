using Dashboard.Configuration;
using Dashboard.Sources.Engine;

namespace Dashboard.Health;

/// <summary>Builds the per-source part of /health from memory only (board, cache ages, counters): no
/// upstream call, no storage read, nothing that can block.</summary>
public sealed class SourceHealthReader(IDashboardConfigProvider config, SourceStatusBoard board, SourceEngine engine, FetchOutcomeTally tally)
{
    public IReadOnlyList<SourceHealth> Read()
    {
        var statuses = board.All().ToDictionary(s => s.SourceName, StringComparer.OrdinalIgnoreCase);
        var result = new List<SourceHealth>();
        foreach (var (name, options) in config.Current.Options.Sources.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
        {
            var status = statuses.GetValueOrDefault(name);
            var cacheAge = engine.CacheAge(name);
            var latencies = status?.RecentLatencies.Order().ToArray() ?? [];
            result.Add(new SourceHealth
            {
                Name = name,
                State = StateOf(status, cacheAge, options.MaxAge),
                LastSuccessAt = status?.LastSuccessAt,
                LastErrorAt = status?.LastFailureAt,
                LastErrorReason = status?.LastFailureReason,
                ConsecutiveFailures = status?.ConsecutiveFailures ?? 0,
                BreakerOpen = status?.BreakerOpen ?? false,
                LatencyP50 = Percentile(latencies, 0.50),
                LatencyP95 = Percentile(latencies, 0.95),
                LatencySamples = latencies.Length,
                Fetches = tally.For(name),
                CacheAge = cacheAge,
                MaxAge = options.MaxAge,
            });
        }

        return result;
    }

    public static string StateOf(SourceStatus? status, TimeSpan? cacheAge, TimeSpan maxAge)
    {
        if (status is { BreakerOpen: true })
        {
            return SourceStates.BreakerOpen;
        }

        if (status is { ConsecutiveFailures: > 0 })
        {
            return SourceStates.Failing;
        }

        if (cacheAge is not { } age)
        {
            return SourceStates.NeverFetched;
        }

        // MaxAge 0 means "fetch on every view": nothing is served from cache, so nothing can be stale.
        return maxAge <= TimeSpan.Zero || age < maxAge ? SourceStates.Fresh : SourceStates.Stale;
    }

    /// <summary>Nearest-rank percentile of sorted samples; null without samples.</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
