namespace Dashboard.Tests.Http;

/// <summary>Bounded polling for conditions another thread or process brings about.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            try
            {
                await Task.Delay(10, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"timed out waiting until {what}");
            }
        }
    }

    /// <summary>Calls <paramref name="attempt"/> until it returns a non-null result.</summary>
    public static async Task<T> ResultAsync<T>(Func<Task<T?>> attempt, string what, TimeSpan? timeout = null)
        where T : class
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"timed out waiting until {what}");
            }
        }
    }
}
