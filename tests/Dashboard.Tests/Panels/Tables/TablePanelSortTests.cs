using Bunit;
using Dashboard.Panels;
using Dashboard.Panels.Tables;
using Dashboard.Sources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Panels.Tables;

/// <summary>Sorting as plain links: the header of each column links to the page with this panel's sort parameter; the
/// page's query decides the order.</summary>
public sealed class TablePanelSortTests : PanelTestContext
{
    private static readonly PanelOptions Panel = new()
    {
        Id = "orders", Title = "Orders", Source = "src", Type = PanelTypes.Table,
        Columns = [new ColumnOptions { Name = "total", Title = "Total", Format = "currency:EUR" }],
    };

    private static readonly SourceValue Orders = SourceValue.OfTable(new TableData(
        ["id", "total"], [["1", "20"], ["2", "5"], ["3", "100"]], false));

    private IRenderedComponent<TablePanel> RenderAt(string relative)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(relative);
        return Render<TablePanel>(p => p.Add(x => x.Panel, Panel).Add(x => x.Value, Orders));
    }

    private static string[] Ids(IRenderedComponent<TablePanel> cut) => [.. cut.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent)];

    [Fact]
    public void Each_header_links_to_the_page_sorted_by_its_column_keeping_other_parameters()
    {
        var cut = RenderAt("/d/main?from=now-6h&sort.events=at-desc");

        var links = cut.FindAll("th a.sort-link");
        Assert.Equal(["Total", "id"], links.Select(a => a.TextContent));
        var href = links[0].GetAttribute("href")!;
        Assert.StartsWith("/d/main?", href);
        Assert.Contains("sort.orders=total-asc", href);
        Assert.Contains("from=now-6h", href);
        Assert.Contains("sort.events=at-desc", href);
        Assert.Equal("nofollow", links[0].GetAttribute("rel"));
    }

    [Fact]
    public void The_query_sorts_the_table_and_marks_the_column_and_its_link_turns_the_order_around()
    {
        var cut = RenderAt("/d/main?sort.orders=total-asc");

        Assert.Equal(["2", "1", "3"], Ids(cut));
        var header = cut.FindAll("thead th")[0];
        Assert.Equal("ascending", header.GetAttribute("aria-sort"));
        Assert.Contains("sort.orders=total-desc", header.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Total ▲", header.TextContent.Trim());

        var descending = RenderAt("/d/main?sort.orders=total-desc");
        Assert.Equal(["3", "1", "2"], Ids(descending));
        Assert.Equal("descending", descending.FindAll("thead th")[0].GetAttribute("aria-sort"));
    }

    [Theory]
    [InlineData("/d/main?sort.orders=nope-desc")]
    [InlineData("/d/main?sort.orders=total-sideways")]
    [InlineData("/d/main?sort.orders=total-asc&sort.orders=id-desc")]
    [InlineData("/d/main?sort.other=total-asc")]
    public void Unknown_or_invalid_sorts_are_ignored(string url)
    {
        var cut = RenderAt(url);

        Assert.Equal(["1", "2", "3"], Ids(cut));
        Assert.All(cut.FindAll("thead th"), th => Assert.Null(th.GetAttribute("aria-sort")));
    }

    [Fact]
    public void Cells_are_formatted_by_their_column()
    {
        var cut = RenderAt("/d/main");

        Assert.Equal(["€20.00", "€5.00", "€100.00"], cut.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td")[0].TextContent));
        Assert.Equal("num", cut.FindAll("tbody tr")[0].QuerySelectorAll("td")[0].GetAttribute("class"));
    }
}
