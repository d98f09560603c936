using System.Net;
using Dashboard.Admin;
using Dashboard.Sources.Http;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Admin;

/// <summary>The admin area with <c>Dashboard:Admin:AllowPrivateTargets</c> off: the source form refuses loopback and
/// private hosts with a message beside the URL, and the test page shows the refusal, not the internal service's body.</summary>
public sealed class AdminPrivateTargetTests
{
    private readonly MappedHostResolver resolver = new(new Dictionary<string, IPAddress[]?> { ["intranet-alias.test"] = [IPAddress.Parse("10.0.0.5")] });

    [Theory]
    [InlineData("http://127.0.0.1:{port}/v/x", "the host '127.0.0.1' is a loopback address; set Dashboard:Admin:AllowPrivateTargets")]
    [InlineData("http://[::ffff:192.168.0.10]/x", "is a private address")]
    [InlineData("http://100.64.3.4/x", "the host '100.64.3.4' is a shared (CGNAT) address")]
    [InlineData("http://localhost:{port}/v/x", "the host 'localhost' is a loopback name")]
    [InlineData("http://intranet-alias.test/x", "the host 'intranet-alias.test' resolves to private address 10.0.0.5")]
    [InlineData("http://100.100.100.200/latest/meta-data", "the host '100.100.100.200' is a cloud-metadata address; such targets are never allowed")]
    public async Task A_loopback_private_or_metadata_url_is_refused_beside_the_field(string url, string message)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var session = await StartAsync(upstream);
        var fields = AdminSession.FormFields(await session.GetPageAsync("/admin/sources/internal/edit"), "source");
        fields.RemoveAll(f => f.Key == "Form.Url");
        fields.Add(new("Form.Url", url.Replace("{port}", upstream.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        using var response = await session.PostFormAsync("/admin/sources/internal/edit", "source", fields);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, AdminSession.FieldError(html, "url-error"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(upstream.Url("internal"), session.Current.FindSource("internal")!.Http!.Url);
    }

    [Fact]
    public async Task The_test_page_shows_the_refusal_and_nothing_of_the_internal_response()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.SetBody("internal", """{ "value": 5, "secretInternalField": "only-on-the-intranet" }""");
        await using var session = await StartAsync(upstream);

        using var response = await session.PostFormAsync("/admin/sources/internal/test", "test-source", [new("Test.Path", "value")]);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("data-status=\"failed\"", html, StringComparison.Ordinal);
        Assert.Contains("Failed: blocked: '127.0.0.1' is a loopback address", html, StringComparison.Ordinal);
        Assert.DoesNotContain("only-on-the-intranet", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"raw-preview\">—</pre>", html, StringComparison.Ordinal);
        Assert.Equal(0, upstream.Calls("internal"));
    }

    private async Task<AdminSession> StartAsync(FakeUpstream upstream)
    {
        var admin = $"\"UserName\": \"{AdminSession.UserName}\", \"PasswordHash\": \"{AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password)}\", \"AllowPrivateTargets\": false";
        var session = await AdminSession.StartAsync(
            $$"""
            "Sources": { "internal": { "Kind": "http", "Http": { "Url": "{{upstream.Url("internal")}}", "Path": "value" }, "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05" } },
            "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Type": "stat", "Title": "P", "Source": "internal", "Sparkline": false } ] } ]
            """,
            admin,
            services => services.AddSingleton<IHostResolver>(resolver));
        await session.SignInAsync();
        return session;
    }
}
