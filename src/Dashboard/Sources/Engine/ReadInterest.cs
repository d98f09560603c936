using Dashboard.TimeRanges;

namespace Dashboard.Sources.Engine;

/// <summary>A standing reader of an entry (a live viewer's dashboard): refresh-ahead keeps it fresh while the interest is
/// reported, refreshing at most every <paramref name="MinInterval"/>. <paramref name="Window"/> null: the default window.</summary>
public sealed record ReadInterest(string Source, TimeWindow? Window, TimeSpan MinInterval);

/// <summary>Reports standing interests on each refresh-ahead pass (<see cref="RefreshAheadService"/>).</summary>
public interface IReadInterestSource
{
    IEnumerable<ReadInterest> Current();
}
