using Dashboard.History;
using Dashboard.Tests.Browser;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.History;

/// <summary>Pruning runs in the background: start-up never waits for a pass (even one that blocks its thread, as SQLite's
/// I/O does), and a failed pass is tried again on the next hourly tick.</summary>
public sealed class HistoryPrunerTests
{
    [Fact]
    public async Task Start_up_does_not_wait_for_a_pass_and_a_failed_pass_is_tried_again_an_hour_later()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 14, 0, 0, TimeSpan.Zero));
        using var store = new BlockingPruneStore();
        var pruner = new HistoryPruner(store, store, Options.Create(new HistoryOptions()), time, NullLogger<HistoryPruner>.Instance);

        await pruner.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        store.Release();

        await BrowserWait.UntilAsync(() => store.Passes == 1, "the first (failed) pass");
        time.Advance(HistoryPruner.Interval);
        await BrowserWait.UntilAsync(() => store.Passes == 2, "the pass an hour later");
        await pruner.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The first pass blocks its thread until released, then fails; later passes succeed.</summary>
    private sealed class BlockingPruneStore : DelegatingDashboardStore, IDisposable
    {
        private readonly ManualResetEventSlim gate = new();
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int passes;

        public override string Provider => "blocking-prune";

        public Task Entered => entered.Task;

        public int Passes => Volatile.Read(ref passes);

        public void Release() => gate.Set();

        public override Task<int> PruneHistoryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
        {
            entered.TrySetResult();
            gate.Wait(cancellationToken);
            return Interlocked.Increment(ref passes) == 1 ? throw new InvalidOperationException("database busy") : Task.FromResult(0);
        }

        public void Dispose() => gate.Dispose();
    }
}
