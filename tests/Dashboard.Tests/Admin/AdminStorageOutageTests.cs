using System.Net;
using Dashboard.Admin;
using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Admin;

/// <summary>The admin area while storage is down: 503 with "storage is unavailable; nothing was saved; try again", the
/// typed form shown again, nothing changed; pages and downloads say the same instead of a generic error.</summary>
public sealed class AdminStorageOutageTests : IAsyncLifetime
{
    private SwitchableStore storage = default!;
    private AdminSession session = default!;

    public async ValueTask InitializeAsync()
    {
        session = await AdminSession.StartAsync(
            """
            "Sources": { "s": { "Kind": "http", "Description": "before", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" } } },
            "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ]
            """,
            configureServices: services => storage = SwitchableStore.Register(services));
        await session.SignInAsync();
    }

    public async ValueTask DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task A_save_during_an_outage_answers_503_with_the_message_keeps_the_input_and_changes_nothing()
    {
        var form = await session.GetPageAsync("/admin/sources/s/edit");
        var fields = AdminSession.FormFields(form, "source");
        fields.RemoveAll(f => f.Key == "Form.Description");
        fields.Add(new("Form.Description", "typed during the outage"));
        var before = await session.Store.GetConfigAsync(TestContext.Current.CancellationToken);
        var audit = await session.Store.GetAuditAsync(100, TestContext.Current.CancellationToken);

        storage.Down = true;
        using var saved = await session.PostAsync("/admin/sources/s/edit", "source", fields, AdminSession.Token(form));
        var html = await saved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        storage.Down = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, saved.StatusCode);
        Assert.Equal("5", saved.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(WebUtility.HtmlEncode(AdminStorageOutage.Message), html, StringComparison.Ordinal);
        Assert.Contains("value=\"typed during the outage\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong", html, StringComparison.Ordinal);

        var after = await session.Store.GetConfigAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before.ConfigVersion, after.ConfigVersion);
        Assert.Equal(audit.Count, (await session.Store.GetAuditAsync(100, TestContext.Current.CancellationToken)).Count);
        Assert.Contains("\"before\"", after.Find(StoredConfigKinds.Source, "s")!.Json, StringComparison.Ordinal);

        // Storage back: the same post saves.
        using var retried = await session.PostAsync("/admin/sources/s/edit", "source", fields, AdminSession.Token(form));
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
    }

    [Theory]
    [InlineData("/admin/sources")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/sources/s/edit")]
    [InlineData("/admin/export")]
    public async Task Pages_and_downloads_during_an_outage_say_storage_is_unavailable(string url)
    {
        storage.Down = true;
        using var response = await session.Client.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        storage.Down = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(AdminStorageOutage.Message), html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Sign_out_during_an_outage_says_so_and_leaves_the_session_open()
    {
        var page = await session.GetPageAsync("/admin/sign-out");

        storage.Down = true;
        using var signOut = await session.PostAsync("/admin/sign-out", "admin-sign-out", [], AdminSession.Token(page));
        var html = await signOut.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        storage.Down = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, signOut.StatusCode);
        Assert.Contains("Storage is unavailable, so you are still signed in; try again.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/sources", TestContext.Current.CancellationToken)).StatusCode);
    }
}
