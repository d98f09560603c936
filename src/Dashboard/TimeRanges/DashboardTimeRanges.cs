using Dashboard.Dashboards;

namespace Dashboard.TimeRanges;

/// <summary>Which range a view of a dashboard shows: the URL's <c>from</c>/<c>to</c> when they make a usable range, else
/// the dashboard's default (<see cref="DashboardDefinition.TimeRange"/>, else the last hour), with the URL's problem
/// to show. Resolved once per request (the page cache policy and the page both ask).</summary>
public sealed class DashboardTimeRanges(TimeProvider time)
{
    public const string FromParameter = "from";
    public const string ToParameter = "to";

    private static readonly object ItemKey = new();

    /// <summary>Times written without an offset are read in this zone.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.Utc;

    public TimeRangeSelection Select(HttpContext? context, DashboardDefinition dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var key = (ItemKey, dashboard);
        if (context?.Items[key] is TimeRangeSelection known)
        {
            return known;
        }

        var query = context?.Request.Query;
        var selection = Select(query?[FromParameter], query?[ToParameter], dashboard);
        if (context is not null)
        {
            context.Items[key] = selection;
        }

        return selection;
    }

    public TimeRangeSelection Select(string? from, string? to, DashboardDefinition dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var now = time.GetUtcNow();
        var input = TimeRangeParser.Parse(from, to, Zone, now);
        if (input.Range is { } range)
        {
            return new TimeRangeSelection(range, TimeRangeResolver.Resolve(range, now), null, true);
        }

        var fallback = DefaultOf(dashboard, now);
        var problem = input.Problem is null ? null : $"The time range in the address cannot be shown: {input.Problem}.";
        return new TimeRangeSelection(fallback, TimeRangeResolver.Resolve(fallback, now), problem, false);
    }

    /// <summary>The dashboard's default range, or the last hour when it has none (or one that cannot be shown now).</summary>
    public TimeRange DefaultOf(DashboardDefinition dashboard, DateTimeOffset now) =>
        dashboard.TimeRange is { } options && TimeRangeParser.Parse(options.From, options.To, Zone, now).Range is { } range
            ? range
            : TimeRange.LastHour;

    /// <summary>What is wrong with a configured default range (null when nothing). Checked whatever the time: an absolute
    /// default that starts in the future is refused when viewed, not here.</summary>
    public static string? ProblemOf(TimeRangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.From))
        {
            return "From is required, e.g. { \"From\": \"now-6h\", \"To\": \"now\" }";
        }

        return TimeRangeParser.Parse(options.From, options.To, TimeZoneInfo.Utc, DateTimeOffset.MaxValue).Problem;
    }
}
