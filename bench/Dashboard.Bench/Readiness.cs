namespace Dashboard.Bench;

/// <summary>Polls a URL until it answers 200 (the app has migrated storage and is listening).</summary>
public static class Readiness
{
    public static async Task<int> WaitAsync(Args options)
    {
        var url = options.Required("url");
        var deadline = DateTime.UtcNow.AddSeconds(options.Double("timeout", 60));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return 0;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(200);
        }

        throw new BenchException($"{url} not ready: {last}");
    }
}
