using System.Text;
using Dashboard.Configuration;
using Dashboard.Configuration.Provisioning;
using Dashboard.Sources.Http;
using Dashboard.Storage;

namespace Dashboard.Tests.Configuration.Provisioning;

/// <summary>Which version of each provisioning file is in force: the last good one stays when a new one is invalid.</summary>
public sealed class ProvisioningAcceptanceTests
{
    private const string Api = """{ "api": { "Kind": "http", "Http": { "Url": "https://api.example/v" } } }""";

    [Fact]
    public void An_invalid_change_keeps_the_last_good_version_and_says_file_and_line()
    {
        var good = Accept([Sources("sources/api.json", Api), Board("sales.json", "Sales", "api")]);
        Assert.Equal("Sales", good.Merged!.Options.Dashboards.Single().Title);

        var broken = Accept([Sources("sources/api.json", Api), Board("sales.json", "Broken", "ghost")], good.Accepted);

        Assert.Equal("Sales", broken.Merged!.Options.Dashboards.Single().Title);
        var problem = Assert.Single(broken.Problems);
        Assert.Equal(("sales.json", 3), (problem.File, problem.Line));
        Assert.Equal("Panels:0:Source: unknown source 'ghost'", problem.Message);
    }

    [Fact]
    public void A_broken_file_does_not_hold_back_a_good_edit_of_another()
    {
        var first = Accept([Sources("sources/api.json", Api), Board("a.json", "A", "api"), Board("b.json", "B", "api")]);

        var next = Accept([Sources("sources/api.json", Api), Board("a.json", "A2", "api"), File("b.json", "{ not json")], first.Accepted);

        Assert.Equal(["A2", "B"], next.Merged!.Options.Dashboards.Select(d => d.Title));
        Assert.Equal("b.json", Assert.Single(next.Problems).File);
    }

    [Fact]
    public void Changes_that_only_work_together_are_accepted_together()
    {
        var first = Accept([Board("a.json", "A", "api"), Sources("sources/api.json", Api)]);

        Assert.Empty(first.Problems);
        Assert.Equal("A", first.Merged!.Options.Dashboards.Single().Title);
    }

    [Fact]
    public void A_file_may_not_rely_on_a_stored_source()
    {
        var stored = Stored(new Dashboard.Configuration.DashboardOptions { Sources = { ["api"] = new() { Kind = "http", Http = new() { Url = "https://api.example/v" } } } });

        var result = Accept([Board("a.json", "A", "api")], stored: stored);

        Assert.Empty(result.Merged!.Options.Dashboards);
        Assert.Equal(
            "Panels:0:Source: unknown source 'api': it was created in the admin area, and a file may only use sources defined in files (put its exported file in the folder's sources/)",
            Assert.Single(result.Problems, p => p.File == "a.json").Message);
    }

    [Fact]
    public void Removing_a_source_a_stored_dashboard_uses_is_refused_and_explained()
    {
        var first = Accept([Sources("sources/api.json", Api)]);
        var stored = Stored(new Dashboard.Configuration.DashboardOptions
        {
            Dashboards = [new() { Slug = "mine", Title = "Mine", Panels = [new() { Id = "p", Title = "P", Source = "api" }] }],
        });

        var removed = Accept([], first.Accepted, stored);

        Assert.True(removed.Merged!.Options.Sources.ContainsKey("api"));
        var problem = Assert.Single(removed.Problems);
        Assert.Equal("sources/api.json", problem.File);
        Assert.Contains("was removed, but its items are still needed", problem.Message, StringComparison.Ordinal);
        Assert.Contains("dashboard 'mine':Panels:0:Source: unknown source 'api'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_file_removes_its_items()
    {
        var first = Accept([Sources("sources/api.json", Api), Board("a.json", "A", "api"), Board("b.json", "B", "api")]);

        var next = Accept([Sources("sources/api.json", Api), Board("a.json", "A", "api")], first.Accepted);

        Assert.Empty(next.Problems);
        Assert.Equal(["a"], next.Merged!.Options.Dashboards.Select(d => d.Slug));
    }

    [Fact]
    public void A_second_file_defining_the_same_item_is_in_conflict_and_the_first_stays()
    {
        var first = Accept([Sources("sources/b.json", Api), Board("sales.json", "Sales", "api")]);

        var next = Accept([Sources("sources/a.json", Api.Replace("api.example", "other.example", StringComparison.Ordinal)), Sources("sources/b.json", Api), Board("sales.json", "Sales", "api")], first.Accepted);

        Assert.Equal("https://api.example/v", next.Merged!.Options.Sources["api"].Http!.Url);
        var problem = Assert.Single(next.Problems);
        Assert.Equal(("sources/a.json", 1), (problem.File, problem.Line));
        Assert.Equal("api: the source 'api' is already defined in sources/b.json line 1", problem.Message);
    }

    [Fact]
    public void A_stored_item_with_a_provisioned_name_is_shadowed_not_lost()
    {
        var stored = Stored(new Dashboard.Configuration.DashboardOptions
        {
            Sources = { ["api"] = new() { Kind = "http", Http = new() { Url = "https://stored.example/v" } } },
            Dashboards = [new() { Slug = "sales", Title = "Stored sales", Panels = [new() { Id = "p", Title = "P", Source = "api" }] }],
        });

        var result = Accept([Sources("sources/api.json", Api), Board("sales.json", "Sales", "api")], stored: stored);

        Assert.Equal("https://api.example/v", result.Merged!.Options.Sources["api"].Http!.Url);
        Assert.Equal("Sales", result.Merged.Options.Dashboards.Single().Title);
        Assert.Equal(new ItemOrigin("sales.json", 1), result.Merged.Provenance().DashboardOrigin("sales"));
        Assert.Empty(result.Problems);
    }

    private static ProvisioningAcceptance.Result Accept(
        IReadOnlyList<ProvisionedFile> files, IReadOnlyDictionary<string, ProvisionedFile>? lastGood = null, StoredConfiguration? stored = null) =>
        ProvisioningAcceptance.Accept(
            files,
            lastGood ?? new Dictionary<string, ProvisionedFile>(),
            stored ?? StoredConfiguration.Empty,
            o => DashboardConfigValidator.Validate(o, ["db"], new JsonPathExpressionValidator().Validate));

    private static StoredConfiguration Stored(Dashboard.Configuration.DashboardOptions options) => StoredConfiguration.From(StoredConfigDocuments.ToItems(options));

    private static ProvisionedFile Board(string path, string title, string source) => File(path, $$"""
        { "Title": "{{title}}",
          "Panels": [
            { "Id": "p", "Title": "P", "Source": "{{source}}" } ] }
        """);

    private static ProvisionedFile Sources(string path, string json) => ProvisioningFileParser.ParseSources(path, Encoding.UTF8.GetBytes(json));

    private static ProvisionedFile File(string path, string json) => ProvisioningFileParser.ParseDashboard(path, Encoding.UTF8.GetBytes(json));
}
