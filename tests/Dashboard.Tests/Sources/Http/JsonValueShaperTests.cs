using System.Text.Json;
using Dashboard.Sources;
using Dashboard.Sources.Http;

namespace Dashboard.Tests.Sources.Http;

public sealed class JsonValueShaperTests
{
    [Theory]
    [InlineData("""{"v":42}""", "v", 42.0)]
    [InlineData("""{"v":-1.5e3}""", "v", -1500.0)]
    [InlineData("""{"v":"12.5"}""", "v", 12.5)]
    [InlineData("""{"v":" 7 "}""", "v", 7.0)]
    [InlineData("""{"v":[3]}""", "v", 3.0)]
    [InlineData("""{"v":[{"p":8},{"q":1}]}""", "v[*].p", 8.0)]
    public void Scalar_numbers(string json, string path, double expected)
    {
        var value = Shape(json, path, ValueShape.Scalar);

        Assert.Equal(ValueShape.Scalar, value.Shape);
        Assert.Equal(expected, value.Number);
        Assert.Null(value.Text);
    }

    [Theory]
    [InlineData("""{"v":"hello"}""", "hello")]
    [InlineData("""{"v":""}""", "")]
    [InlineData("""{"v":"1,000"}""", "1,000")]
    [InlineData("""{"v":"NaN"}""", "NaN")]
    [InlineData("""{"v":"Infinity"}""", "Infinity")]
    [InlineData("""{"v":true}""", "true")]
    [InlineData("""{"v":false}""", "false")]
    [InlineData("""{"v":["one"]}""", "one")]
    public void Scalar_text(string json, string expected)
    {
        var value = Shape(json, "v", ValueShape.Scalar);

        Assert.Equal(expected, value.Text);
        Assert.Null(value.Number);
    }

    [Theory]
    [InlineData("""{"v":{"a":1}}""", "v", "expected a number or text at 'v', found an object")]
    [InlineData("""{"v":null}""", "v", "expected a number or text at 'v', found null")]
    [InlineData("""{"v":[1,2]}""", "v", "expected a number or text at 'v', found an array of 2 items")]
    [InlineData("""{"v":[]}""", "v", "expected a number or text at 'v', found an empty array")]
    [InlineData("""{"v":[[1]]}""", "v", "expected a number or text at 'v', found an array of 1 item")]
    [InlineData("""{"v":[1,2]}""", "v[*]", "expected a number or text at 'v[*]', found 2 matches")]
    [InlineData("""{"v":[]}""", "v[*]", "expected a number or text at 'v[*]', found no matches")]
    [InlineData("""{"v":1e400}""", "v", "number at 'v' is out of range")]
    public void Scalar_failures(string json, string path, string reason) => AssertFails(json, path, ValueShape.Scalar, reason);

    [Fact]
    public void Series_of_numbers_has_no_labels()
    {
        var points = Shape("""{"v":[1,"2.5",-3]}""", "v", ValueShape.Series).Points;

        Assert.Equal([new SeriesPoint(null, 1), new SeriesPoint(null, 2.5), new SeriesPoint(null, -3)], points);
    }

    [Theory]
    [InlineData("""[{"x":"mon","y":1},{"x":"tue","y":2}]""")]
    [InlineData("""[{"t":"mon","v":1},{"t":"tue","v":"2"}]""")]
    [InlineData("""[{"label":"mon","value":1},{"label":"tue","value":2}]""")]
    [InlineData("""[["mon",1],["tue",2]]""")]
    [InlineData("""{"mon":1,"tue":2}""")]
    public void Series_of_labelled_points(string json)
    {
        var value = Shape(json, "", ValueShape.Series);

        Assert.Equal(ValueShape.Series, value.Shape);
        Assert.Equal([new SeriesPoint("mon", 1), new SeriesPoint("tue", 2)], value.Points);
    }

    [Fact]
    public void Series_labels_may_be_numbers_or_missing_and_come_from_wildcards()
    {
        var value = Shape("""{"d":[{"p":{"x":1700000000,"y":5}},{"p":{"y":6,"x":null}},{"q":1}]}""", "d[*].p", ValueShape.Series);

        Assert.Equal([new SeriesPoint("1700000000", 5), new SeriesPoint(null, 6)], value.Points);
    }

    [Theory]
    [InlineData("""{"s":{"a":"x"}}""", "s", "expected a number at key 'a' of 's', found a string")]
    [InlineData("""{"s":"text"}""", "s", "expected an array at 's', found a string")]
    [InlineData("""{"s":[1,"abc"]}""", "s", "expected a number, an {x, y} object or an [x, y] pair at 's[1]', found a string")]
    [InlineData("""{"s":[1,null]}""", "s", "expected a number, an {x, y} object or an [x, y] pair at 's[1]', found null")]
    [InlineData("""{"s":[{"x":"a","y":"n/a"}]}""", "s", "expected a numeric y at 's[0]', found a string")]
    [InlineData("""{"s":[{"x":"a"}]}""", "s", "expected a numeric y at 's[0]', found an object without a y, v or value key")]
    [InlineData("""{"s":[{"x":{"k":1},"y":1}]}""", "s", "expected x to be text or a number at 's[0]', found an object")]
    [InlineData("""{"s":[1,[1,2,3]]}""", "s", "expected a number, an {x, y} object or an [x, y] pair at 's[1]', found an array of 3 items")]
    [InlineData("""{"s":[{"v":1},{"v":true}]}""", "s[*].v", "expected a number, an {x, y} object or an [x, y] pair at 's[*].v' (match 1), found a boolean")]
    [InlineData("""[true]""", "", "expected a number, an {x, y} object or an [x, y] pair at '$[0]', found a boolean")]
    public void Series_failures(string json, string path, string reason) => AssertFails(json, path, ValueShape.Series, reason);

    [Fact]
    public void Table_columns_are_the_union_of_keys_in_first_seen_order()
    {
        var table = Shape(
            """{"rows":[{"a":1,"b":"x"},{"c":true,"a":2.50},{"b":null,"d":{"k":[1, "é"]},"e":[ 1 , 2 ]}]}""",
            "rows",
            ValueShape.Table).Table!;

        Assert.Equal(["a", "b", "c", "d", "e"], table.Columns);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(["1", "x", null, null, null], table.Rows[0]);
        Assert.Equal(["2.50", null, "true", null, null], table.Rows[1]);
        Assert.Equal([null, null, null, """{"k":[1,"é"]}""", "[1,2]"], table.Rows[2]);
        Assert.False(table.Truncated);
    }

    [Fact]
    public void Table_rows_are_capped_and_marked_truncated()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 10).Select(i => $$"""{"i":{{i}}}""")) + "]";

        var table = Shape(json, "", ValueShape.Table, maxRows: 3).Table!;

        Assert.True(table.Truncated);
        Assert.Equal([["0"], ["1"], ["2"]], table.Rows);

        var exact = Shape(json, "", ValueShape.Table, maxRows: 10).Table!;
        Assert.False(exact.Truncated);
        Assert.Equal(10, exact.Rows.Count);
    }

    [Fact]
    public void Table_from_wildcard_matches_and_from_an_empty_array()
    {
        var table = Shape("""{"g":[{"r":{"n":"a"}},{"r":{"n":"b"}}]}""", "g[*].r", ValueShape.Table).Table!;
        Assert.Equal(["n"], table.Columns);
        Assert.Equal([["a"], ["b"]], table.Rows);

        var empty = Shape("[]", "", ValueShape.Table).Table!;
        Assert.Empty(empty.Columns);
        Assert.Empty(empty.Rows);
        Assert.False(empty.Truncated);
    }

    [Theory]
    [InlineData("""{"t":{"a":1}}""", "t", "expected an array of objects at 't', found an object")]
    [InlineData("""{"t":[{"a":1},2]}""", "t", "expected an object at 't[1]', found a number")]
    [InlineData("""{"t":[[1]]}""", "t", "expected an object at 't[0]', found an array of 1 item")]
    public void Table_failures(string json, string path, string reason) => AssertFails(json, path, ValueShape.Table, reason);

    [Fact]
    public void Rows_past_the_cap_are_not_inspected()
    {
        var table = Shape("""[{"a":1},"not an object"]""", "", ValueShape.Table, maxRows: 1).Table!;

        Assert.True(table.Truncated);
        Assert.Equal([["1"]], table.Rows);
    }

    [Fact]
    public void A_table_wider_than_the_limit_fails_naming_how_wide_it_was()
    {
        var limits = new ShapingLimitsOptions { MaxColumns = 3 };
        using var document = JsonDocument.Parse("""[{"a":1,"b":2},{"c":3,"d":4,"e":5}]""");

        var failure = Assert.Throws<SourceFailureException>(() => JsonValueShaper.Shape(document.RootElement, ValueShape.Table, limits));

        Assert.Equal("response too wide: 5 columns (limit 3)", failure.Reason);
        Assert.False(failure.Transient);
    }

    [Fact]
    public void A_truncated_table_knows_how_many_rows_there_were()
    {
        var table = Shape("""[{"a":1},{"a":2},{"a":3}]""", "", ValueShape.Table, maxRows: 2).Table!;

        Assert.True(table.Truncated);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(3, table.TotalRows);
    }

    [Fact]
    public void Cells_column_names_labels_and_text_are_cut_to_the_cell_limit_with_an_ellipsis()
    {
        var limits = new ShapingLimitsOptions { MaxCellChars = 10 };
        var longText = new string('x', 50);
        using var table = JsonDocument.Parse($$$"""[{"{{{longText}}}":"{{{longText}}}","n":{"nested":"{{{longText}}}"}}]""");
        using var series = JsonDocument.Parse($$"""{"{{longText}}":1}""");
        using var scalar = JsonDocument.Parse($$"""["{{longText}}"]""");

        var shapedTable = JsonValueShaper.Shape(table.RootElement, ValueShape.Table, limits).Table!;
        var shapedSeries = JsonValueShaper.Shape(series.RootElement, ValueShape.Series, limits).Points!;
        var shapedText = JsonValueShaper.Shape(scalar.RootElement, ValueShape.Scalar, limits).Text;

        Assert.Equal(["xxxxxxxxx…", "n"], shapedTable.Columns);
        Assert.Equal(["xxxxxxxxx…", "{\"nested\"…"], shapedTable.Rows[0]);
        Assert.Equal("xxxxxxxxx…", shapedSeries[0].X);
        Assert.Equal("xxxxxxxxx…", shapedText);
    }

    [Theory]
    [InlineData("[1,2,3,4]")]
    [InlineData("""{"a":1,"b":2,"c":3,"d":4}""")]
    public void A_series_longer_than_the_limit_fails(string json)
    {
        using var document = JsonDocument.Parse(json);

        var failure = Assert.Throws<SourceFailureException>(() => JsonValueShaper.Shape(document.RootElement, ValueShape.Series, new ShapingLimitsOptions { MaxSeriesPoints = 3 }));

        Assert.Equal("response too long: 4 series points (limit 3); aggregate upstream", failure.Reason);
    }

    [Fact]
    public void Shapes_a_whole_element_directly()
    {
        using var document = JsonDocument.Parse("5");

        Assert.Equal(5, JsonValueShaper.Shape(document.RootElement, ValueShape.Scalar, new ShapingLimitsOptions { MaxRows = 1 }).Number);
    }

    private static SourceValue Shape(string json, string path, ValueShape shape, int maxRows = 100)
    {
        using var document = JsonDocument.Parse(json);
        return JsonValueShaper.Shape(JsonPathSelector.Parse(path).Select(document.RootElement), shape, new ShapingLimitsOptions { MaxRows = maxRows });
    }

    private static void AssertFails(string json, string path, ValueShape shape, string reason)
    {
        var failure = Assert.Throws<SourceFailureException>(() => Shape(json, path, shape));
        Assert.Equal(reason, failure.Reason);
        Assert.False(failure.Transient);
    }
}
