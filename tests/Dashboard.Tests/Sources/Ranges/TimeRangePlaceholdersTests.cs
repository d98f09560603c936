using Dashboard.Sources;
using Dashboard.Sources.Ranges;
using Dashboard.Sources.Sql;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sources.Ranges;

public sealed class TimeRangePlaceholdersTests
{
    private static SourceOptions Http(Action<HttpSourceOptions> configure)
    {
        var http = new HttpSourceOptions { Url = "http://example.com/api" };
        configure(http);
        return new SourceOptions { Name = "h", Http = http };
    }

    private static SourceOptions Sql(string query, params string[] parameters) => new()
    {
        Name = "q",
        Kind = SourceKinds.Sql,
        Sql = new SqlSourceOptions { Connection = "c", Query = query, Parameters = parameters.ToDictionary(p => p, _ => "1") },
    };

    [Fact]
    public void Http_placeholders_count_in_the_url_query_values_body_and_header_values()
    {
        Assert.False(TimeRangePlaceholders.UsesRange(Http(_ => { })));
        Assert.True(TimeRangePlaceholders.UsesRange(Http(h => h.Url = "http://example.com/api/{from:ms}")));
        Assert.True(TimeRangePlaceholders.UsesRange(Http(h => h.Query["start"] = "{FROM}")));
        Assert.True(TimeRangePlaceholders.UsesRange(Http(h => h.Body = """{"step":{interval:s}}""")));
        Assert.True(TimeRangePlaceholders.UsesRange(Http(h => h.Headers["X-Until"] = "{to}")));

        // Query keys, header names, JSON braces and secrets are not time placeholders.
        Assert.False(TimeRangePlaceholders.UsesRange(Http(h =>
        {
            h.Query["{from}"] = "x";
            h.Headers["{to}"] = "{secret:TOKEN}";
            h.Body = """{"from":{"to":1}}""";
        })));
    }

    [Fact]
    public void Find_lists_every_use_with_its_form()
    {
        var found = TimeRangePlaceholders.Find(Http(h => h.Url = "http://example.com/{from}/{to:ms}/{interval:S}"));

        Assert.Equal(
            [new TimePlaceholder("from", null, "{from}"), new TimePlaceholder("to", "ms", "{to:ms}"), new TimePlaceholder("interval", "s", "{interval:S}")],
            found);
    }

    [Fact]
    public void Sql_parameters_count_outside_literals_and_comments_only()
    {
        Assert.True(TimeRangePlaceholders.UsesRange(Sql("SELECT COUNT(*) FROM t WHERE at >= @from AND at < @TO")));
        Assert.True(TimeRangePlaceholders.UsesRange(Sql("SELECT date_bin(@interval, at, @from) FROM t")));
        Assert.False(TimeRangePlaceholders.UsesRange(Sql("""
            SELECT 'mail@to.example', "@from", $$ @interval $$, $t$ @to $t$, x::interval -- @from
            FROM t /* @to */ WHERE @fromage = 1 AND a@to = 2
            """)));
    }

    [Fact]
    public void Problems_name_unknown_forms_and_reserved_parameter_names()
    {
        Assert.Empty(TimeRangePlaceholders.Problems(Http(h => h.Url = "http://example.com/{from}/{to:ms}/{interval:s}")));
        Assert.Equal(
            ["'{from:hours}' is not a time placeholder: use {from} (ISO 8601), {from:ms} or {from:s}"],
            TimeRangePlaceholders.Problems(Http(h => h.Url = "http://example.com/{from:hours}?again={from:hours}")));
        Assert.Equal(2, TimeRangePlaceholders.Problems(Sql("SELECT 1", "@from", ":Interval", "limit")).Count);
    }

    [Fact]
    public void Sql_binds_only_the_names_the_query_uses_under_their_spelling()
    {
        Assert.Empty(SqlTimeParameters.For("SELECT 1", TestWindows.Hour).Used);
        Assert.Equal(["@From", "@to"], SqlTimeParameters.For("SELECT @From, @to, @to", TestWindows.Hour).Used.Select(p => p.Text));
    }
}
