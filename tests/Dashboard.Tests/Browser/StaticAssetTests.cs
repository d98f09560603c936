using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Browser;

/// <summary>The published app's own CSS and scripts are static web assets: the page links fingerprinted URLs, cached
/// for good, and they are served pre-compressed (the .br file written at publish), not compressed per request.</summary>
public sealed partial class StaticAssetTests
{
    [GeneratedRegex("""<link rel="stylesheet" href="(css/dashboard\.[a-z0-9]+\.css)" />""")]
    private static partial Regex StylesheetTag();

    [ChromiumFact]
    public async Task The_stylesheet_is_fingerprinted_cached_for_good_and_served_pre_compressed()
    {
        await using var app = await PublishedApp.StartAsync("""
            { "Sources": {}, "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [] } ] }
            """);
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = app.Address, Timeout = BrowserFixture.Timeout };

        var page = await client.GetStringAsync("/d/main");
        var href = StylesheetTag().Match(page);
        Assert.True(href.Success, "no fingerprinted stylesheet link in:\n" + page);

        using var request = new HttpRequestMessage(HttpMethod.Get, href.Groups[1].Value);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var compressed = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("immutable", compressed.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        var plain = await client.GetByteArrayAsync(href.Groups[1].Value);
        var brotli = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(brotli.Length * 3 < plain.Length, $"{brotli.Length} Brotli bytes for {plain.Length} plain");
        // The exact bytes of the file written at publish (compressed at its smallest setting, not on the fly).
        var published = await File.ReadAllBytesAsync(Path.Combine(app.Root, "wwwroot", "css", "dashboard.css.br"));
        Assert.Equal(published, brotli);
    }
}
