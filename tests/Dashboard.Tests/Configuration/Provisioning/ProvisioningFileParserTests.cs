using System.Text;
using Dashboard.Configuration.Provisioning;
using Dashboard.Sources;

namespace Dashboard.Tests.Configuration.Provisioning;

public sealed class ProvisioningFileParserTests
{
    [Fact]
    public void A_dashboard_file_is_one_dashboard_normalised_with_the_file_name_as_default_slug()
    {
        var file = ProvisioningFileParser.ParseDashboard("provisioning/sales.json", Bytes("""
            { "title": "Sales", "Panels": [ { "Type": "STAT", "Title": "Orders", "Source": "orders" } ] }
            """));

        Assert.True(file.Readable);
        var dashboard = Assert.Single(file.Dashboards);
        Assert.Equal("sales", dashboard.Dashboard.Slug);
        Assert.Equal("Sales", dashboard.Dashboard.Title);
        Assert.Equal(("panel-0", "stat"), (dashboard.Dashboard.Panels[0].Id, dashboard.Dashboard.Panels[0].Type));
        Assert.Equal(new ItemOrigin("provisioning/sales.json", 1), dashboard.Origin);
    }

    [Fact]
    public void A_syntax_error_names_the_file_line_and_column()
    {
        var file = ProvisioningFileParser.ParseDashboard("provisioning/sales.json", Bytes("{\n  \"Slug\": \"sales\",\n  \"Title\": \"Sales\"\n  \"Panels\": []\n}"));

        var problem = Assert.Single(file.Problems);
        Assert.Equal("provisioning/sales.json", problem.File);
        Assert.Equal(4, problem.Line);
        Assert.StartsWith("column 3: ", problem.Message, StringComparison.Ordinal);
        Assert.Empty(file.Dashboards);
    }

    [Fact]
    public void An_unknown_property_is_an_error_at_its_line_not_silently_a_default()
    {
        var file = ProvisioningFileParser.ParseDashboard("provisioning/sales.json", Bytes("""
            {
              "Slug": "sales",
              "Panels": [
                { "Title": "Orders", "Source": "orders", "Widht": 2 }
              ]
            }
            """));

        var problem = Assert.Single(file.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("'Widht'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("$.Panels[0]", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("null", "the file must hold a JSON object")]
    [InlineData("[]", "could not be converted")]
    public void Empty_null_or_not_an_object_is_a_problem(string content, string message) =>
        Assert.Contains(message, Assert.Single(ProvisioningFileParser.ParseDashboard("d.json", Bytes(content)).Problems).Message, StringComparison.Ordinal);

    [Fact]
    public void A_sources_file_holds_sources_by_name_with_lines_and_case_insensitive_headers()
    {
        var file = ProvisioningFileParser.ParseSources("provisioning/sources/shop.json", Bytes("""
            {
              "orders": { "Kind": "HTTP", "Http": { "Url": "https://shop.example/orders", "Headers": { "Authorization": "{secret:SHOP}" } } },
              // Comments are fine.
              "stock": { "Kind": "sql", "Shape": "Table", "Sql": { "Connection": "db", "Query": "SELECT 1" } },
            }
            """));

        Assert.True(file.Readable, string.Join("; ", file.Problems));
        Assert.Equal(["orders", "stock"], file.Sources.Select(s => s.Name));
        var orders = file.Sources[0];
        Assert.Equal((SourceKinds.Http, "orders", 2), (orders.Options.Kind, orders.Options.Name, orders.Origin.Line));
        Assert.Equal("{secret:SHOP}", orders.Options.Http!.Headers["authorization"]);
        Assert.Equal(ValueShape.Table, file.Sources[1].Options.Shape);
        Assert.Equal(new ItemOrigin("provisioning/sources/shop.json", 4), file.Sources[1].Origin);
        Assert.Equal(new ItemOrigin("provisioning/sources/shop.json", 4), file.Locate("stock:Sql:Connection"));
    }

    [Fact]
    public void A_source_named_twice_in_one_file_is_a_problem()
    {
        var file = ProvisioningFileParser.ParseSources("s.json", Bytes("""{ "a": { "Kind": "http" }, "A": { "Kind": "http" } }"""));

        Assert.Contains("defined twice", Assert.Single(file.Problems).Message, StringComparison.Ordinal);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
