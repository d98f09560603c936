using System.Text.Json;
using Dashboard.Admin;
using Dashboard.Configuration;
using Dashboard.Dashboards;

namespace Dashboard.Tests.Admin;

/// <summary>Broken JSON is explained in plain words: line and column from 1, the property, what was expected; never the
/// parser's type names or internals.</summary>
public sealed class JsonErrorTextTests
{
    private static string Error<T>(string json)
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<T>(json, StoredConfigDocuments.Json));
        return JsonErrorText.Describe(exception);
    }

    [Fact]
    public void A_missing_comma_names_the_line_and_column()
    {
        var text = Error<DashboardDefinition>("{\n  \"Slug\": \"main\"\n  \"Title\": \"Main\"\n}");

        Assert.StartsWith("not valid JSON at line 3, column 3", text, StringComparison.Ordinal);
        Assert.Contains("'\"' is invalid after a value; expected ',', '}' or ']'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePosition", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_type_says_what_was_expected_where()
    {
        var text = Error<DashboardDefinition>("{ \"Slug\": \"main\", \"Columns\": \"four\" }");

        Assert.Equal("not valid JSON at line 1, column 36 (near Columns): expected a whole number here", text);
    }

    [Theory]
    [InlineData("{ \"Slug\": \"main\", \"Panels\": [ ", "the text ends before every { and [ is closed")]
    [InlineData("", "there is no JSON here")]
    [InlineData("<html>", "'<' cannot start a value")]
    public void Other_mistakes_read_as_sentences(string json, string expected)
    {
        var text = Error<DashboardDefinition>(json);

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("isFinalBlock", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }
}
