using Dashboard.Tests.Support;

namespace Dashboard.Tests.Ops;

/// <summary>A store whose ping never answers: until cancelled, or (ignoreCancellation) not at all, like a
/// driver stuck in a blocking call. Everything else works (in memory), so the app starts.</summary>
public sealed class StallingStore(bool ignoreCancellation) : DelegatingDashboardStore
{
    private readonly TaskCompletionSource never = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int pings;

    public override string Provider => "stalling";

    public int Pings => Volatile.Read(ref pings);

    public override Task PingAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref pings);
        return ignoreCancellation ? never.Task : Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
    }
}
