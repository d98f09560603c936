using System.Net;
using System.Net.Sockets;
using Dashboard.Tests.Admin;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Http;

/// <summary>Failure reasons on dashboard pages: anonymous viewers get a generic reason (no host:port, no relation,
/// no secret name), a signed-in admin the detail, and the admin's page is never cached for anyone else.</summary>
public sealed class FailureDetailTests
{
    private const string Relation = "hidden_relation_q7";
    private const string SecretName = "HIDDEN_SECRET_NAME_Q7";

    [Fact]
    public async Task Anonymous_viewers_see_generic_reasons_and_a_signed_in_admin_sees_the_detail()
    {
        var port = ClosedPort();
        await using var session = await AdminSession.StartAsync($$"""
            "Connections": { "local": { "Provider": "sqlite", "ConnectionString": "Data Source=:memory:" } },
            "Sources": {
              "down": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:{{port}}/x", "Path": "value" }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:08", "FetchTimeout": "00:00:10" },
              "rel": { "Kind": "sql", "Sql": { "Connection": "local", "Query": "SELECT n FROM {{Relation}}" }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:08", "FetchTimeout": "00:00:10" },
              "sec": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:{{port}}/x", "Path": "value", "Headers": { "Authorization": "Bearer {secret:{{SecretName}}}" } },
                       "MaxAge": "00:00:00", "RenderDeadline": "00:00:08", "FetchTimeout": "00:00:10" }
            },
            "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [
              { "Id": "down", "Type": "stat", "Title": "Down", "Source": "down" },
              { "Id": "rel", "Type": "stat", "Title": "Rel", "Source": "rel" },
              { "Id": "sec", "Type": "stat", "Title": "Sec", "Source": "sec" } ] } ]
            """);
        await session.SignInAsync();
        using var anonymous = session.Factory.CreateClient();
        anonymous.Timeout = TimeSpan.FromSeconds(30);

        var before = await anonymous.GetStringAsync("/", TestContext.Current.CancellationToken);
        AssertGeneric(before, port);

        using var adminResponse = await session.Client.GetAsync("/", TestContext.Current.CancellationToken);
        var admin = await adminResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"127.0.0.1:{port}", PanelMarkup.FinalHtml(admin, "down"), StringComparison.Ordinal);
        Assert.Contains(Relation, PanelMarkup.FinalHtml(admin, "rel"), StringComparison.Ordinal);
        Assert.Contains(SecretName, PanelMarkup.FinalHtml(admin, "sec"), StringComparison.Ordinal);
        Assert.True(adminResponse.Headers.CacheControl is { NoStore: true }, $"Cache-Control: {adminResponse.Headers.CacheControl}");

        // Right after the admin's view, anonymous viewers still get only the generic page.
        AssertGeneric(await anonymous.GetStringAsync("/", TestContext.Current.CancellationToken), port);
    }

    private static void AssertGeneric(string page, int port)
    {
        Assert.Contains("<span class=\"reason\">connection failed</span>", PanelMarkup.FinalHtml(page, "down"), StringComparison.Ordinal);
        Assert.Contains("<span class=\"reason\">query failed</span>", PanelMarkup.FinalHtml(page, "rel"), StringComparison.Ordinal);
        Assert.Contains("<span class=\"reason\">configuration error</span>", PanelMarkup.FinalHtml(page, "sec"), StringComparison.Ordinal);
        Assert.DoesNotContain($":{port}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Relation, page, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretName, page, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on (bound, then released), so a connect is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
