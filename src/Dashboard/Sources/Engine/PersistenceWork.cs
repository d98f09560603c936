using Dashboard.Storage;

namespace Dashboard.Sources.Engine;

/// <summary>A write to storage done off the request path.</summary>
public abstract record PersistenceWork
{
    /// <param name="Written">Called once the value is in storage (to announce it to other instances); must not throw.</param>
    public sealed record SaveLastGood(LastGoodValue Value, Func<Task>? Written = null) : PersistenceWork;

    public sealed record AppendHistory(HistoryPoint Point) : PersistenceWork;
}
