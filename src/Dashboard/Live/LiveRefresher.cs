using Dashboard.Configuration;
using Dashboard.Sources.Engine;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>The live viewers' standing interest: while a dashboard has live viewers, every source on it is kept fresh by
/// the engine's refresh-ahead (<see cref="SourceEngine.RefreshAhead"/>): refreshed before its value expires, at most every
/// <see cref="LiveOptions.MinInterval"/> (a MaxAge 0 source once per interval), a failing one on its back-off schedule,
/// through the engine's single flight: upstream calls depend on the sources' <c>MaxAge</c>, never on how many viewers
/// watch. Nobody watching, nothing is called. Each new value is announced (<see cref="SourceEngine.Refreshed"/>), which
/// moves the viewers on.</summary>
public sealed class LiveRefresher(LiveUpdates live, IDashboardConfigProvider config, IOptions<LiveOptions> options) : IReadInterestSource
{
    public IEnumerable<ReadInterest> Current()
    {
        var snapshot = config.Current;
        var watched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var slug in live.WatchedDashboards())
        {
            foreach (var panel in snapshot.FindDashboard(slug)?.Panels ?? [])
            {
                watched.Add(panel.Source);
            }
        }

        // The default window until live subscriptions carry the viewer's range.
        return watched.Select(source => new ReadInterest(source, null, options.Value.MinInterval));
    }
}
