using Dashboard.Configuration;
using Dashboard.Sources.Engine;
using Dashboard.TimeRanges;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>The live viewers' standing interest: while a dashboard has live viewers, every source on it is kept fresh by
/// the engine's refresh-ahead (<see cref="SourceEngine.RefreshAhead"/>) at each time range it is watched at (a relative
/// range resolved again on every pass, so its window moves on with time): refreshed before its value expires, at most every
/// <see cref="LiveOptions.MinInterval"/> (a MaxAge 0 source once per interval), a failing one on its back-off schedule,
/// through the engine's single flight: upstream calls depend on the sources' <c>MaxAge</c> and the ranges watched, never on
/// how many viewers watch. Nobody watching, nothing is called. Each new value is announced
/// (<see cref="SourceEngine.Refreshed"/>), which moves the viewers on.</summary>
public sealed class LiveRefresher(LiveUpdates live, IDashboardConfigProvider config, DashboardTimeRanges ranges, TimeProvider time, IOptions<LiveOptions> options) : IReadInterestSource
{
    public IEnumerable<ReadInterest> Current()
    {
        var snapshot = config.Current;
        var now = time.GetUtcNow();
        var watched = new HashSet<(string Source, TimeWindow Window)>();
        foreach (var slug in live.WatchedDashboards())
        {
            if (snapshot.FindDashboard(slug) is not { } dashboard)
            {
                continue;
            }

            foreach (var range in live.WatchedRanges(slug))
            {
                var window = TimeRangeResolver.Resolve(range ?? ranges.DefaultOf(dashboard, now), now);
                foreach (var panel in dashboard.Panels)
                {
                    watched.Add((panel.Source, window));
                }
            }
        }

        return watched.Select(w => new ReadInterest(w.Source, w.Window, options.Value.MinInterval));
    }
}
