using System.Collections.Concurrent;
using Dashboard.Sources;
using Dashboard.Sources.Engine;

namespace Dashboard.Tests.Support;

/// <summary>A fake source whose every call is counted and answered when the test says so.</summary>
public sealed class ControlledSource(string name) : ISource
{
    private readonly ConcurrentQueue<TaskCompletionSource<SourceFetchResult>> pending = new();
    private int calls;

    public string Name { get; } = name;

    public int Calls => Volatile.Read(ref calls);

    /// <summary>When set, calls answer at once with this instead of waiting for the test.</summary>
    public Func<int, SourceFetchResult>? Respond { get; set; }

    /// <summary>The request of every call, in order (the time window each fetch was given).</summary>
    public ConcurrentQueue<SourceFetchRequest> Requests { get; } = new();

    public Task<SourceFetchResult> FetchAsync(SourceFetchRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var call = Interlocked.Increment(ref calls);
        if (Respond is { } respond)
        {
            return Task.FromResult(respond(call));
        }

        var tcs = new TaskCompletionSource<SourceFetchResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() => tcs.TrySetCanceled(cancellationToken));
        pending.Enqueue(tcs);
        return tcs.Task;
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> calls were made.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Calls < count)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>Waits until a call is pending, then answers it with a number.</summary>
    public async Task CompleteNextAsync(double value)
    {
        var tcs = await NextPendingAsync();
        tcs.SetResult(new SourceFetchResult(SourceValue.OfNumber(value)));
    }

    /// <param name="publicReason">What anonymous viewers see; by default the reason itself.</param>
    public async Task FailNextAsync(string reason, bool transient = false, string? publicReason = null)
    {
        var tcs = await NextPendingAsync();
        tcs.SetException(new SourceFailureException(reason, transient, publicReason: publicReason ?? reason));
    }

    /// <summary>Answers a pending call with a number, if there is one; never waits.</summary>
    public bool TryCompletePending(double value)
    {
        if (!pending.TryDequeue(out var tcs))
        {
            return false;
        }

        tcs.SetResult(new SourceFetchResult(SourceValue.OfNumber(value)));
        return true;
    }

    private async Task<TaskCompletionSource<SourceFetchResult>> NextPendingAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (pending.TryDequeue(out var tcs))
            {
                return tcs;
            }

            await Task.Delay(5, timeout.Token);
        }
    }
}

/// <summary>Hands out one <see cref="ControlledSource"/> per source name.</summary>
public sealed class ControlledSourceFactory : ISourceFactory
{
    private readonly ConcurrentDictionary<string, ControlledSource> sources = new(StringComparer.OrdinalIgnoreCase);

    public ControlledSource this[string name] => sources.GetOrAdd(name, n => new ControlledSource(n));

    public ISource Create(SourceOptions options) => this[options.Name];
}
