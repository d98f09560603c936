using Dashboard.Storage;

namespace Dashboard.Sources.Engine;

/// <summary>A write to storage done off the request path.</summary>
public abstract record PersistenceWork
{
    public sealed record SaveLastGood(LastGoodValue Value) : PersistenceWork;

    public sealed record AppendHistory(HistoryPoint Point) : PersistenceWork;
}
