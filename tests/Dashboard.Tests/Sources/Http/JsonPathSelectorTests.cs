using System.Text.Json;
using Dashboard.Sources;
using Dashboard.Sources.Http;

namespace Dashboard.Tests.Sources.Http;

public sealed class JsonPathSelectorTests
{
    private const string Doc = """
        {"a":{"b":[{"c":1},{"c":2}]},"items":[{"price":1.5},{"price":2},{"name":"x"}],
         "odd key":{"x":"y"},"x.y":7,"it's":"q","$x":"dollar","*":"star","":"empty","nums":[10,20,30],"n":null}
        """;

    [Theory]
    [InlineData("", Doc)]
    [InlineData("$", Doc)]
    [InlineData("  a.b[0].c  ", "1")]
    [InlineData("a.b[0].c", "1")]
    [InlineData("$.a.b[1].c", "2")]
    [InlineData("$x", "\"dollar\"")]
    [InlineData("$['a'].b[0]['c']", "1")]
    [InlineData("['odd key'].x", "\"y\"")]
    [InlineData("[\"x.y\"]", "7")]
    [InlineData("['it\\'s']", "\"q\"")]
    [InlineData("['*']", "\"star\"")]
    [InlineData("['']", "\"empty\"")]
    [InlineData("nums[-1]", "30")]
    [InlineData("nums[-3]", "10")]
    [InlineData("nums[0]", "10")]
    [InlineData("n", "null")]
    [InlineData("items[*].price", "[1.5,2]")]
    [InlineData("items.*.price", "[1.5,2]")]
    [InlineData("nums[*]", "[10,20,30]")]
    [InlineData("a.b[*].c", "[1,2]")]
    [InlineData("['odd key'][*]", "[\"y\"]")]
    [InlineData("items[*].missing", "[]")]
    [InlineData("nums[*].deeper[0]", "[]")]
    public void Selects(string path, string expected)
    {
        using var document = JsonDocument.Parse(Doc);
        var selection = JsonPathSelector.Parse(path).Select(document.RootElement);
        Assert.Equal(Compact(expected), Render(selection));
    }

    [Fact]
    public void Selects_from_a_root_array()
    {
        using var document = JsonDocument.Parse("[[1,2],[3]]");
        Assert.Equal("2", Render(JsonPathSelector.Parse("[0][1]").Select(document.RootElement)));
        Assert.Equal("[1,2,3]", Render(JsonPathSelector.Parse("$[*][*]").Select(document.RootElement)));
    }

    [Theory]
    [InlineData("a.b[3]", "path 'a.b[3]' not found: index 3 out of range (length 2)")]
    [InlineData("nums[-4]", "path 'nums[-4]' not found: index -4 out of range (length 3)")]
    [InlineData("a.x", "path 'a.x' not found: no key 'x' (keys: b)")]
    [InlineData("a.b.c", "path 'a.b.c' not found: expected an object at 'a.b', found an array of 2 items")]
    [InlineData("a[0]", "path 'a[0]' not found: expected an array at 'a', found an object")]
    [InlineData("n[*]", "path 'n[*]' not found: expected an array or object at 'n', found null")]
    [InlineData("['odd key'].x.y", "path '['odd key'].x.y' not found: expected an object at '['odd key'].x', found a string")]
    [InlineData("[0]", "path '$[0]' not found: expected an array at '$', found an object")]
    public void Reports_what_is_missing(string path, string expected)
    {
        using var document = JsonDocument.Parse(Doc);
        var selector = JsonPathSelector.Parse(path);

        var failure = Assert.Throws<SourceFailureException>(() => selector.Select(document.RootElement));

        Assert.Equal(expected, failure.Reason);
        Assert.False(failure.Transient);
        Assert.False(selector.TrySelect(document.RootElement, out _, out var error));
        Assert.Equal(failure.Reason, error);
    }

    [Fact]
    public void Lists_at_most_eight_keys()
    {
        using var document = JsonDocument.Parse("""{"k1":1,"k2":1,"k3":1,"k4":1,"k5":1,"k6":1,"k7":1,"k8":1,"k9":1}""");
        var failure = Assert.Throws<SourceFailureException>(() => JsonPathSelector.Parse("nope").Select(document.RootElement));
        Assert.Equal("path 'nope' not found: no key 'nope' (keys: k1, k2, k3, k4, k5, k6, k7, k8, …)", failure.Reason);
    }

    [Theory]
    [InlineData("a..b", "expected a key after '.' at position 2, found '.'")]
    [InlineData("a.", "expected a key after '.' at position 2, found end of path")]
    [InlineData("$.", "expected a key after '.' at position 2, found end of path")]
    [InlineData(".a", "expected a key or '[' at position 0, found '.'")]
    [InlineData("a.[0]", "expected a key after '.' at position 2, found '['")]
    [InlineData("a[", "unterminated '[' at position 1")]
    [InlineData("a[x]", "expected an index, '*' or a quoted key at position 2, found 'x'")]
    [InlineData("a[]", "expected an index, '*' or a quoted key at position 2, found ']'")]
    [InlineData("a[1", "expected ']' at position 3, found end of path")]
    [InlineData("a[1x]", "expected ']' at position 3, found 'x'")]
    [InlineData("a[-]", "expected digits after '-' at position 3, found ']'")]
    [InlineData("a[99999999999]", "index at position 2 is too large")]
    [InlineData("a['b", "unterminated quoted key starting at position 2")]
    [InlineData("a['b'", "expected ']' at position 5, found end of path")]
    [InlineData("a b", "expected '.' or '[' at position 1, found ' '")]
    [InlineData("a]", "expected '.' or '[' at position 1, found ']'")]
    [InlineData("a[0]b", "expected '.' or '[' at position 4, found 'b'")]
    [InlineData("a'b'", "expected '.' or '[' at position 1, found '''")]
    public void Rejects_bad_syntax_with_the_position(string path, string detail)
    {
        var expected = $"invalid path '{path}': {detail}";

        var thrown = Assert.Throws<FormatException>(() => JsonPathSelector.Parse(path));

        Assert.Equal(expected, thrown.Message);
        Assert.False(JsonPathSelector.TryParse(path, out var selector, out var error));
        Assert.Null(selector);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData(null, "$", false)]
    [InlineData("$.a.b[0].c", "a.b[0].c", false)]
    [InlineData("['odd key'][\"x.y\"]", "['odd key']['x.y']", false)]
    [InlineData("items.*.price", "items[*].price", true)]
    [InlineData("$[0].a", "$[0].a", false)]
    [InlineData("a['it\\'s']", "a['it\\'s']", false)]
    public void Renders_a_canonical_path_that_parses_back(string? path, string canonical, bool wildcard)
    {
        Assert.True(JsonPathSelector.TryParse(path, out var selector, out var error), error);

        Assert.Equal(canonical, selector.Path);
        Assert.Equal(wildcard, selector.HasWildcard);
        Assert.Equal(canonical, JsonPathSelector.Parse(canonical).Path);
    }

    [Fact]
    public void A_selector_is_reusable_across_documents()
    {
        var selector = JsonPathSelector.Parse("v");
        using var first = JsonDocument.Parse("""{"v":1}""");
        using var second = JsonDocument.Parse("""{"v":2}""");

        Assert.Equal("1", Render(selector.Select(first.RootElement)));
        Assert.Equal("2", Render(selector.Select(second.RootElement)));
    }

    private static string Render(JsonSelection selection) => selection.IsMultiple
        ? "[" + string.Join(",", selection.Matches.Select(m => m.GetRawText())) + "]"
        : Compact(selection.Single.GetRawText());

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
