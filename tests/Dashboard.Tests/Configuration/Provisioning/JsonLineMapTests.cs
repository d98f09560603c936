using System.Text.Json;
using Dashboard.Configuration.Provisioning;

namespace Dashboard.Tests.Configuration.Provisioning;

public sealed class JsonLineMapTests
{
    private const string Json = """
        {
          // a comment
          "Slug": "sales",
          "Panels": [
            { "Id": "a", "Source": "x" },
            {
              "Id": "b",
              "Thresholds": [ { "Value": 1 } ],
            }
          ]
        }
        """;

    [Theory]
    [InlineData("Slug", 3)]
    [InlineData("Panels", 4)]
    [InlineData("Panels:0", 5)]
    [InlineData("Panels:0:Source", 5)]
    [InlineData("panels:1:ID", 7)]
    [InlineData("Panels:1:Thresholds:0:Value", 8)]
    [InlineData("Panels:1:Width", 6)] // Not in the file (a default): the panel's line.
    [InlineData("Title", null)]
    public void Every_key_has_the_line_it_starts_on_or_its_nearest_parent(string key, int? line) =>
        Assert.Equal(line, JsonLineMap.Build(Json).LineOf(key));

    [Fact]
    public void Depth_counts_the_segments_the_document_has() =>
        Assert.Equal(3, JsonLineMap.Build(Json).DepthOf("Panels:1:Thresholds:5:Value"));

    [Fact]
    public void Invalid_json_throws_with_its_line()
    {
        var thrown = Assert.ThrowsAny<JsonException>(() => JsonLineMap.Build("{\n  \"a\": 1,\n  \"b\": ]\n}"));
        Assert.Equal(2, thrown.LineNumber); // 0-based: the third line.
    }
}
