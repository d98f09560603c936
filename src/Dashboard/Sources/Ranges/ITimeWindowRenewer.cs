using Dashboard.TimeRanges;

namespace Dashboard.Sources.Ranges;

/// <summary>Moves an entry's window on for a refresh no reader asked for (refresh-ahead, live viewers): a relative range
/// ("last 6 h") must end now, an absolute one stays as it is. The time-range feature registers its own, which knows its
/// keys; the default knows only <see cref="DefaultTimeWindow"/>.</summary>
public interface ITimeWindowRenewer
{
    TimeWindow Renew(TimeWindow last, DateTimeOffset now);
}

/// <summary>Renews the default window (its key says it is "the last hour"); keeps any other as last read.</summary>
public sealed class DefaultTimeWindowRenewer : ITimeWindowRenewer
{
    public TimeWindow Renew(TimeWindow last, DateTimeOffset now) =>
        last.Key == DefaultTimeWindow.Key ? DefaultTimeWindow.At(now) : last;
}
