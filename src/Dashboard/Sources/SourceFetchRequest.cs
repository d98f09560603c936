using Dashboard.Sources.Ranges;
using Dashboard.TimeRanges;

namespace Dashboard.Sources;

/// <summary>The context of one fetch: the dashboard's time window, never null (a read without one gets
/// <see cref="DefaultTimeWindow"/>).</summary>
public sealed record SourceFetchRequest(TimeWindow Window)
{
    /// <summary>A fetch with the default window at <paramref name="time"/>'s now (the admin's test page, tests).</summary>
    public static SourceFetchRequest Default(TimeProvider time) => new(DefaultTimeWindow.At(time.GetUtcNow()));
}
