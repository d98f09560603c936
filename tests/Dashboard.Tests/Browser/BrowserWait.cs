namespace Dashboard.Tests.Browser;

/// <summary>Waits on the test's side of a browser test (server state, recorded requests), bounded by <see cref="BrowserFixture.Timeout"/>.</summary>
internal static class BrowserWait
{
    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(BrowserFixture.Timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {BrowserFixture.Timeout.TotalSeconds} s waiting for {what}.");
            }
        }
    }
}
