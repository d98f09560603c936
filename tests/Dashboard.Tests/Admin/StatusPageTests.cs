using System.Net;

namespace Dashboard.Tests.Admin;

/// <summary>A post the framework refuses gets the app's own styled page saying what to do, not a line of plain text:
/// an expired or missing form token says to reload the form and submit again; a form the page does not have says to
/// reload the page. Nothing is changed either way.</summary>
public sealed class StatusPageTests : IAsyncLifetime
{
    private AdminSession session = default!;

    public async ValueTask InitializeAsync()
    {
        session = await AdminSession.StartAsync(AdminSession.OneSourceConfig);
        await session.SignInAsync();
    }

    public async ValueTask DisposeAsync() => await session.DisposeAsync();

    private static async Task<string> StyledAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Matches("<link rel=\"stylesheet\" href=\"css/dashboard(\\.[a-z0-9]+)?\\.css\"", html);
        Assert.Contains("<h1>The request could not be handled</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("antiforgery", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@formname", html, StringComparison.Ordinal);
        return html;
    }

    [Fact]
    public async Task A_post_without_a_valid_form_token_says_to_reload_the_form_and_submit_again()
    {
        var version = await session.SourceVersionAsync("s");

        using var missing = await session.PostAsync("/admin/sources/s/delete", "delete-source", [new("Delete.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))], token: null);
        using var forged = await session.PostAsync("/admin/sources/s/delete", "delete-source", [new("Delete.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))], token: "CfDJ8-not-a-token");

        foreach (var response in new[] { missing, forged })
        {
            Assert.Contains("Reload the form, then enter your changes again and submit it.", await StyledAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        Assert.Equal(version, await session.SourceVersionAsync("s"));
    }

    [Theory]
    [InlineData("no-such-form")]
    [InlineData(null)]
    public async Task A_post_for_a_form_the_page_does_not_have_says_to_reload_the_page(string? formName)
    {
        var token = AdminSession.Token(await session.GetPageAsync("/admin"));
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        if (formName is not null)
        {
            fields.Add(new("_handler", formName));
        }

        using var response = await session.Client.PostAsync("/admin", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

        Assert.Contains("Reload the page, then submit the form again.", await StyledAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_refused_post_the_same_form_works_from_a_fresh_page()
    {
        var version = (await session.Store.GetConfigAsync(TestContext.Current.CancellationToken)).Find(Dashboard.Storage.StoredConfigKinds.Dashboard, "main")!.Version
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        List<KeyValuePair<string, string>> fields = [new("Details.Version", version), new("Details.Title", "Retried"), new("Details.Columns", "4")];
        using (await session.PostAsync("/admin/dashboards/main/edit", "dashboard-details", fields, token: null))
        {
        }

        using var retried = await session.PostFormAsync("/admin/dashboards/main/edit", "dashboard-details", fields);

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal("Retried", session.Current.FindDashboard("main")!.Title);
    }
}
