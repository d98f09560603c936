using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Engine;

/// <summary>A storage database that froze (SIGSTOP): reads and writes of source values and pings never answer, and
/// ignore cancellation, like a driver stuck in a blocking call, until <see cref="Thaw"/>. Configuration works.</summary>
public sealed class FrozenStore : DelegatingDashboardStore
{
    private readonly TaskCompletionSource thawed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int lastGoodReads;

    public override string Provider => "frozen";

    public int LastGoodReads => Volatile.Read(ref lastGoodReads);

    /// <summary>Lets every stalled call go on (tests call it before disposing, so the persistence queue can drain).</summary>
    public void Thaw() => thawed.TrySetResult();

    public override Task PingAsync(CancellationToken cancellationToken) => thawed.Task;

    public override async Task<LastGoodValue?> GetLastGoodAsync(string sourceName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lastGoodReads);
        await thawed.Task;
        return await Inner.GetLastGoodAsync(sourceName, CancellationToken.None);
    }

    public override async Task SaveLastGoodAsync(LastGoodValue value, CancellationToken cancellationToken)
    {
        await thawed.Task;
        await Inner.SaveLastGoodAsync(value, CancellationToken.None);
    }

    public override async Task AppendHistoryAsync(HistoryPoint point, CancellationToken cancellationToken)
    {
        await thawed.Task;
        await Inner.AppendHistoryAsync(point, CancellationToken.None);
    }

    public override async Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(string sourceName, int limit, CancellationToken cancellationToken)
    {
        await thawed.Task;
        return await Inner.GetHistoryAsync(sourceName, limit, CancellationToken.None);
    }
}
