namespace Dashboard.Storage;

/// <summary>A storage call that answers within its bound whatever the database does. It runs on the thread pool
/// (SQLite works synchronously inside its async methods), stops waiting after the bound with a
/// <see cref="TimeoutException"/>, and cancels the call in the background: Npgsql's cancellation sends the server a
/// cancel request and waits for the answer, which a frozen server never gives.</summary>
public static class BoundedStorageCall
{
    public static async Task RunAsync(Func<CancellationToken, Task> call, TimeSpan bound, TimeProvider time, CancellationToken cancellationToken) =>
        await RunAsync<bool>(async ct => { await call(ct); return true; }, bound, time, cancellationToken);

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan bound, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = Task.Run(() => call(cancel.Token), CancellationToken.None);

        // Whenever the call ends: observe its failure (nobody may await it any more) and free the token source.
        _ = running.ContinueWith(
            static (task, state) =>
            {
                _ = task.Exception;
                ((CancellationTokenSource)state!).Dispose();
            },
            cancel,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            return await running.WaitAsync(bound, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            _ = Task.Run(() => CancelQuietly(cancel), CancellationToken.None);
            throw new TimeoutException($"storage did not answer within {bound.TotalSeconds:0.###} s");
        }
    }

    private static void CancelQuietly(CancellationTokenSource cancel)
    {
        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended meanwhile.
        }
        catch (AggregateException)
        {
            // A driver's cancellation callback failed; the call is abandoned either way.
        }
    }
}
