using System.Collections.Concurrent;
using Dashboard.Storage;

namespace Dashboard.Tests.Support;

/// <summary>A store for engine tests that need no database; storage itself is covered by the contract suite.</summary>
public sealed class InMemoryDashboardStore : IDashboardStore
{
    private readonly ConcurrentDictionary<string, LastGoodValue> lastGood = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<HistoryPoint> history = new();

    public string Provider => "memory";

    public int LastGoodReads;

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<LastGoodValue?> GetLastGoodAsync(string sourceName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref LastGoodReads);
        return Task.FromResult(lastGood.GetValueOrDefault(sourceName));
    }

    public Task SaveLastGoodAsync(LastGoodValue value, CancellationToken cancellationToken)
    {
        lastGood.AddOrUpdate(value.SourceName, value, (_, old) => old.FetchedAt > value.FetchedAt ? old : value);
        return Task.CompletedTask;
    }

    public Task AppendHistoryAsync(HistoryPoint point, CancellationToken cancellationToken)
    {
        history.Enqueue(point);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(string sourceName, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryPoint>>(history.Where(p => p.SourceName == sourceName).OrderBy(p => p.At).TakeLast(limit).ToArray());

    public Task<int> PruneHistoryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => Task.FromResult(0);
}
