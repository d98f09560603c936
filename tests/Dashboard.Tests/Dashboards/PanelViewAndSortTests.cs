using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Dashboards;

/// <summary>The real app (TestServer): a panel opens alone at full width at its own URL, and a table sorted by a header
/// link is cached as its own page (never served for another order), while parameters that change nothing share one.</summary>
public sealed class PanelViewAndSortTests : IAsyncLifetime
{
    private FakeUpstream upstream = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetBody("rows", """[ { "name": "b", "n": 2 }, { "name": "c", "n": 30 }, { "name": "a", "n": 1 } ]""");
    }

    public async ValueTask DisposeAsync() => await upstream.DisposeAsync();

    private string Config => $$"""
        {
          "PageCache": { "Duration": "00:01:00" },
          "Sources": {
            "rows": { "Kind": "http", "Shape": "Table", "Http": { "Url": "{{upstream.Url("rows")}}" }, "RenderDeadline": "00:00:05", "MaxAge": "00:05:00" }
          },
          "Dashboards": [ { "Slug": "main", "Title": "Main board", "Panels": [
            { "Id": "t", "Type": "table", "Title": "Rows", "Source": "rows" } ] } ]
        }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The table's names in page order.</summary>
    private static string Names(string page) => string.Concat(
        System.Text.RegularExpressions.Regex.Matches(page, "<tr><td>([abc])</td>").Select(m => m.Groups[1].Value));

    [Fact]
    public async Task A_sorted_table_is_its_own_cached_page_and_other_parameters_share_the_plain_one()
    {
        await using var app = new DashboardAppFactory(Config);
        using var client = app.CreateClient();
        using (await client.GetAsync("/d/main", Token))
        {
            // The first view fetches while it streams; later ones start fresh and may be stored.
        }

        using var plain = await client.GetAsync("/d/main", Token);
        Assert.Equal("bca", Names(await plain.Content.ReadAsStringAsync(Token)));

        using var sorted = await client.GetAsync("/d/main?sort.t=n-desc", Token);
        Assert.Null(sorted.Headers.Age);
        Assert.Equal("cba", Names(await sorted.Content.ReadAsStringAsync(Token)));

        using var sortedAgain = await client.GetAsync("/d/main?sort.t=n-desc", Token);
        Assert.NotNull(sortedAgain.Headers.Age);
        Assert.Equal("cba", Names(await sortedAgain.Content.ReadAsStringAsync(Token)));

        using var other = await client.GetAsync("/d/main?sort.t=name-asc", Token);
        Assert.Equal("abc", Names(await other.Content.ReadAsStringAsync(Token)));

        // Parameters that change nothing (tracking, a junk sort) get the plain page, from the cache.
        foreach (var url in new[] { "/d/main?utm_source=mail", "/d/main?sort.t=n-sideways", "/d/main" })
        {
            using var same = await client.GetAsync(url, Token);
            Assert.NotNull(same.Headers.Age);
            Assert.Equal("bca", Names(await same.Content.ReadAsStringAsync(Token)));
        }

        Assert.Equal(1, upstream.Calls("rows"));
    }

    [Fact]
    public async Task A_panel_opens_alone_at_full_width_from_a_link_in_its_header()
    {
        await using var app = new DashboardAppFactory(Config);
        using var client = app.CreateClient();

        var dashboard = await client.GetStringAsync("/d/main", Token);
        Assert.Contains("href=\"/d/main/panels/t\"", dashboard, StringComparison.Ordinal);

        using var view = await client.GetAsync("/d/main/panels/t", Token);
        var page = await view.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Contains("<title>Rows · Main board · Dashboard</title>", page, StringComparison.Ordinal);
        Assert.Contains("expanded", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/d/main\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"panel-open\"", page, StringComparison.Ordinal);
        Assert.Equal("bca", Names(page));

        using var sorted = await client.GetAsync("/d/main/panels/t?sort.t=n-asc", Token);
        Assert.Equal("abc", Names(await sorted.Content.ReadAsStringAsync(Token)));
    }

    [Theory]
    [InlineData("/d/main/panels/nope")]
    [InlineData("/d/nope/panels/t")]
    public async Task An_unknown_panel_or_dashboard_is_not_found(string url)
    {
        await using var app = new DashboardAppFactory(Config);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
