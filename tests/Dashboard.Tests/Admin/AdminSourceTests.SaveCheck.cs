using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Configuration;

namespace Dashboard.Tests.Admin;

/// <summary>Saving a source runs one test fetch and shows its result beside the form: the value it selected, or the
/// real cause (a path that is not there, a host that does not resolve) beside the field concerned; the save stands.</summary>
public sealed partial class AdminSourceTests
{
    /// <summary>Follows a save's redirect to the source's form, where the test fetch runs.</summary>
    private async Task<string> SavedPageAsync(HttpResponseMessage saved)
    {
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var location = saved.Headers.Location!.OriginalString;
        Assert.EndsWith("/edit?saved=1", location, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(await session.GetPageAsync(location));
    }

    private static string WarningBeside(string html, string field) =>
        Regex.Match(html, $"<span class=\"field-warning\"[^>]*data-test-fetch-field=\"{Regex.Escape(field)}\"[^>]*>([^<]*)</span>") is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"no test fetch warning beside {field} in:\n{html}");

    [Fact]
    public async Task A_path_that_is_not_there_is_saved_and_reported_beside_the_path_field()
    {
        var fields = Fields("a", await VersionOfAsync("a"), upstream.Url("one")).Select(f => f.Key == "Form.Path" ? new(f.Key, "data.nope") : f).ToList();

        var html = await SavedPageAsync(await session.PostFormAsync("/admin/sources/a/edit", "source", fields));

        Assert.Contains("data-test-fetch=\"failed\"", html, StringComparison.Ordinal);
        Assert.Matches("path 'data' not found.*keys: value", WarningBeside(html, "Http:Path"));
        Assert.Equal("data.nope", StoredConfigDocuments.ReadSource((await Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Name == "a")).Http!.Path);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_is_saved_and_reported_beside_the_url_field()
    {
        var url = $"http://not-in-dns.test:{upstream.BaseAddress.Port}/v/two";
        var fields = Fields("a", await VersionOfAsync("a"), url, headerValue: "Bearer again").Select(f => f.Key == "Form.QueryParameters[0].Value" ? new(f.Key, "q-again") : f);

        var html = await SavedPageAsync(await session.PostFormAsync("/admin/sources/a/edit", "source", fields));

        Assert.Contains("data-test-fetch=\"failed\"", html, StringComparison.Ordinal);
        Assert.Contains("not-in-dns.test", WarningBeside(html, "Http:Url"), StringComparison.Ordinal);
        Assert.DoesNotContain("circuit open", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_working_source_shows_the_value_its_test_fetch_selected()
    {
        var html = await SavedPageAsync(await SaveSourceAsync("a", await VersionOfAsync("a"), url: upstream.Url("two")));

        Assert.Matches("data-test-fetch=\"ok\"[^>]*>\\s*<p>Saved source <strong>a</strong>\\. One test fetch succeeded in \\d+ ms and selected: <code>222</code>", html);
        Assert.DoesNotContain("field-warning", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
    }
}
