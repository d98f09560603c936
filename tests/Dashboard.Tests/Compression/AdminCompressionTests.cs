using System.Net;
using Dashboard.Tests.Admin;

namespace Dashboard.Tests.Compression;

/// <summary>The BREACH rule (Dashboard.Compression.CompressionRule): responses that carry an antiforgery token (every admin
/// form, the sign-in page included) or a signed-in viewer's page are never compressed, even when the client asks; the
/// same client's anonymous dashboard page is (so the rule, not a missing middleware, is what keeps them plain).</summary>
public sealed class AdminCompressionTests : IAsyncLifetime
{
    private AdminSession session = default!;

    public async ValueTask InitializeAsync() => session = await AdminSession.StartAsync(AdminSession.OneSourceConfig);

    public async ValueTask DisposeAsync() => await session.DisposeAsync();

    private async Task<(string? Encoding, string Body)> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await session.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var encoding = response.Content.Headers.ContentEncoding.Where(e => e != "identity").SingleOrDefault();
        var body = encoding is null ? await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) : "";
        return (encoding, body);
    }

    [Fact]
    public async Task Pages_with_form_tokens_and_signed_in_pages_are_never_compressed()
    {
        var anonymous = await GetAsync("/d/main");
        Assert.Equal("br", anonymous.Encoding);

        var signIn = await GetAsync("/admin/sign-in");
        Assert.Null(signIn.Encoding);
        Assert.NotEmpty(AdminSession.Token(signIn.Body));

        await session.SignInAsync();
        foreach (var url in new[] { "/admin", "/admin/sources", "/admin/sources/s/edit" })
        {
            var page = await GetAsync(url);
            Assert.True(page.Encoding is null, $"{url} was compressed ({page.Encoding})");
            Assert.NotEmpty(AdminSession.Token(page.Body));
        }

        var signedInDashboard = await GetAsync("/d/main");
        Assert.Null(signedInDashboard.Encoding);
    }
}
