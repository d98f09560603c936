namespace Dashboard.Tests.Http;

/// <summary>A streamed page whose shell (up to <c>&lt;/html&gt;</c>) has arrived while the rest may still be streaming:
/// many of them held open at once show that viewers wait on one shared fetch.</summary>
internal sealed record OpenPage(HttpResponseMessage Response, Stream Body, string Shell) : IAsyncDisposable
{
    public static async Task<OpenPage> OpenAsync(HttpClient client, string address, TimeSpan bound)
    {
        var response = await client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync();
        var shell = await ResponseReader.ReadUntilAsync(body, "</html>", bound);
        return new OpenPage(response, body, shell);
    }

    /// <summary>The whole page: the shell and every batch streamed after it.</summary>
    public async Task<string> ReadToEndAsync(TimeSpan bound) => Shell + await ResponseReader.ReadToEndAsync(Body, bound);

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync();
        Response.Dispose();
    }
}
