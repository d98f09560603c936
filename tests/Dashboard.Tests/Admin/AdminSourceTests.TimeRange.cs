using System.Globalization;
using System.Net;

namespace Dashboard.Tests.Admin;

/// <summary>Time placeholders on the source form (messages beside the field they are in) and the test page at a range.</summary>
public sealed partial class AdminSourceTests
{
    [Fact]
    public async Task An_unknown_placeholder_form_is_refused_beside_the_url_and_a_reserved_parameter_beside_the_parameters()
    {
        using var http = await session.PostFormAsync("/admin/sources/a/edit", "source", Fields("a", await VersionOfAsync("a"), upstream.Url("one") + "?since={from:hours}"));
        using var sql = await session.PostFormAsync("/admin/sources/new?kind=sql", "source",
            [.. SqlFields("ranged", null, "SELECT @from"), new("Form.SqlParameters[0].Name", "from"), new("Form.SqlParameters[0].Value", "x")]);

        Assert.Matches("id=\"url-error\"[^>]*>[^<]*&#x27;\\{from:hours\\}&#x27; is not a time placeholder", await http.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var sqlHtml = await sql.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Matches("id=\"sql-parameters-error\"[^>]*>[^<]*Parameter &#x27;from&#x27; is reserved", sqlHtml);
        Assert.DoesNotContain("{from", Current.FindSource("a")!.Http!.Url, StringComparison.Ordinal);
        Assert.Null(Current.FindSource("ranged"));
    }

    [Fact]
    public async Task The_test_page_fetches_a_source_using_the_range_at_the_range_asked_for()
    {
        using (var saved = await session.PostFormAsync("/admin/sources/a/edit", "source", Fields("a", await VersionOfAsync("a"), upstream.Url("one") + "?from={from:ms}&to={to:ms}")))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Contains("name=\"Test.From\" value=\"now-1h\"", await session.GetPageAsync("/admin/sources/a/test"), StringComparison.Ordinal);
        using var tested = await session.PostFormAsync("/admin/sources/a/test", "test-source", [new("Test.Path", "value"), new("Test.From", "now-6h"), new("Test.To", "now")]);
        var page = await tested.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var refused = await session.PostFormAsync("/admin/sources/a/test", "test-source", [new("Test.Path", "value"), new("Test.From", "banana"), new("Test.To", "now")]);

        Assert.Contains("(now-6h..now)</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd>OK</dd>", page, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(upstream.Queries("one").Last());
        Assert.Equal(6 * 3_600_000L, long.Parse(query["to"]!, CultureInfo.InvariantCulture) - long.Parse(query["from"]!, CultureInfo.InvariantCulture));
        Assert.Matches("id=\"range-error\"[^>]*>from: &#x27;banana&#x27; is not a time", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
