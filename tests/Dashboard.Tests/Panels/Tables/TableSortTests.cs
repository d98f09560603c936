using Dashboard.Panels.Tables;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Tests.Panels.Tables;

public sealed class TableSortTests
{
    [Theory]
    [InlineData("total-desc", "total", true)]
    [InlineData("total-ASC", "total", false)]
    [InlineData("created-at-desc", "created-at", true)]
    public void A_sort_value_is_a_column_and_a_direction(string value, string column, bool descending)
    {
        Assert.Equal(new TableSortRequest(column, descending), TableSort.Parse(value));
        Assert.Equal(value.ToLowerInvariant(), TableSort.Value(column, descending).ToLowerInvariant());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("total")]
    [InlineData("-desc")]
    [InlineData("total-down")]
    [InlineData("total-desc ")]
    public void Anything_else_is_ignored(string? value)
    {
        Assert.Null(TableSort.Parse(value));
    }

    [Fact]
    public void The_cache_key_holds_only_valid_sort_parameters_in_a_fixed_order()
    {
        var a = TableSort.CacheKey(Query(("sort.orders", "total-desc"), ("utm_source", "mail"), ("sort.events", "at-asc"), ("sort.x", "junk")));
        var b = TableSort.CacheKey(Query(("sort.events", "at-asc"), ("SORT.ORDERS", "total-desc")));

        Assert.Equal("sort.events=at-asc&sort.orders=total-desc", a);
        Assert.Equal(a, b);
        Assert.Equal("", TableSort.CacheKey(Query(("page", "2"))));
        Assert.NotEqual(a, TableSort.CacheKey(Query(("sort.orders", "total-asc"))));
    }

    [Fact]
    public void The_cache_key_is_bounded_whatever_the_query()
    {
        var many = Enumerable.Range(0, 500).Select(i => ($"sort.p{i}", "c-asc")).ToArray();

        Assert.Equal(8, TableSort.CacheKey(Query(many)).Split('&').Length);
    }

    private static Dictionary<string, StringValues> Query(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => new StringValues(p.Value));
}
