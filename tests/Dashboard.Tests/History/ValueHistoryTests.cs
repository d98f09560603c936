using Dashboard.History;
using Dashboard.Storage;
using Dashboard.TimeRanges;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.History;

/// <summary>History reads are shared: one database read per (source, window) for any number of concurrent viewers,
/// reused for a bucket (at most a minute), never kept when it failed, and a viewer waits at most its deadline.</summary>
public sealed class ValueHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 14, 3, 10, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Now);
    private readonly HeldStore store = new();

    private ValueHistory Create() => new(store, time, Options.Create(new StorageOptions()), NullLogger<ValueHistory>.Instance);

    private static TimeWindow Window(string from) => TimeRangeResolver.Resolve(new TimeRange(TimeExpression.Parse(from, TimeZoneInfo.Utc, out _)!.Value, TimeExpression.Now), Now);

    [Fact]
    public async Task A_hundred_concurrent_viewers_of_one_window_share_one_database_read_and_another_window_is_another()
    {
        var history = Create();
        var six = Window("now-6h");
        var views = Enumerable.Range(0, 100).Select(_ => history.ReadAsync("s", six, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).ToList();
        var day = history.ReadAsync("s", Window("now-24h"), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        store.Complete([new HistoryBucket(six.From, 1, 1, 1, 1, six.From)]);

        Assert.All(await Task.WhenAll(views), s => Assert.Single(s.Buckets));
        Assert.Null((await day).Problem);
        Assert.Equal(2, store.Calls);
        Assert.Equal(2, history.DatabaseReads);
    }

    [Fact]
    public async Task A_read_is_reused_for_its_bucket_width_then_read_again()
    {
        var history = Create();
        var hour = Window("now-1h"); // 15 s buckets
        store.Complete([]);
        await history.ReadAsync("s", hour, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromSeconds(14));
        await history.ReadAsync("s", hour, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(1, store.Calls);

        time.Advance(TimeSpan.FromSeconds(2));
        await history.ReadAsync("s", hour, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(2, store.Calls);
    }

    [Fact]
    public async Task A_failed_read_says_so_and_is_not_kept_and_a_slow_one_ends_the_wait_at_the_deadline()
    {
        var history = Create();
        var hour = Window("now-1h");
        store.Fail(new InvalidOperationException("down"));
        Assert.Equal("history unavailable", (await history.ReadAsync("s", hour, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Problem);

        store.Hold();
        var waiting = history.ReadAsync("s", hour, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await store.Started.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("history not read in time", (await waiting).Problem);
        Assert.Equal(2, store.Calls);
    }

    /// <summary>Answers every read with the result set by the test (held until then).</summary>
    private sealed class HeldStore : IHistoryStore
    {
        private TaskCompletionSource<IReadOnlyList<HistoryBucket>> next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public Task Started => started.Task;

        public void Complete(IReadOnlyList<HistoryBucket> buckets) => next.TrySetResult(buckets);

        public void Fail(Exception ex) => next.TrySetException(ex);

        public void Hold()
        {
            next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public Task<IReadOnlyList<HistoryBucket>> GetHistoryBucketsAsync(string sourceName, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            started.TrySetResult();
            return next.Task;
        }

        public Task<int> PruneRangeValuesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task AppendHistoryBatchAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
