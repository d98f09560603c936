using Dashboard.Configuration;
using Dashboard.Dashboards;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Sources.Http;

namespace Dashboard.Tests.Configuration;

/// <summary>Every rule of <see cref="DashboardConfigValidator"/> produces a message that starts with the
/// full configuration key at fault and says why. Each case breaks one thing in an otherwise valid config
/// and expects exactly that one message.</summary>
public sealed class DashboardConfigValidatorTests
{
    private static readonly string[] Connections = ["demo"];

    private static readonly Dictionary<string, Action<DashboardOptions>> Breakages = new()
    {
        ["unknown source in a panel"] = o => o.Dashboards[0].Panels[0].Source = "nope",
        ["negative fetch timeout"] = o => o.Sources["api"].FetchTimeout = TimeSpan.FromSeconds(-1),
        ["zero render deadline"] = o => o.Sources["api"].RenderDeadline = TimeSpan.Zero,
        ["negative max age"] = o => o.Sources["api"].MaxAge = TimeSpan.FromSeconds(-5),
        ["render deadline over fetch timeout"] = o =>
        {
            o.Sources["api"].RenderDeadline = TimeSpan.FromSeconds(3);
            o.Sources["api"].FetchTimeout = TimeSpan.FromSeconds(2);
        },
        ["bad url"] = o => o.Sources["api"].Http!.Url = "not a url",
        ["ftp scheme"] = o => o.Sources["api"].Http!.Url = "ftp://127.0.0.1/data.json",
        ["duplicate slug"] = o => o.Dashboards.Add(new DashboardDefinition
        {
            Slug = "ops",
            Title = "Ops again",
            Panels = [new PanelOptions { Id = "x", Title = "X", Source = "api" }],
        }),
        ["bad slug"] = o => o.Dashboards[0].Slug = "Ops Team!",
        ["unknown sql connection"] = o => o.Sources["db"].Sql!.Connection = "warehouse",
        ["bad path expression"] = o => o.Sources["api"].Http!.Path = "data.items[",
        ["panel type vs shape"] = o => o.Dashboards[0].Panels[1].Type = PanelTypes.Stat,
        ["bad format"] = o => o.Dashboards[0].Panels[0].Format = "X2",
        ["unknown panel type"] = o => o.Dashboards[0].Panels[0].Type = "pie",
        ["unknown kind"] = o => o.Sources["api"].Kind = "graphql",
        ["bad threshold level"] = o => o.Dashboards[0].Panels[0].Thresholds = [new ThresholdOptions { Value = 1, Level = "red" }],
        ["breaker throughput"] = o => o.Sources["api"].CircuitBreaker.MinimumThroughput = 1,
        ["breaker throughput too high"] = o => o.Sources["api"].CircuitBreaker.MinimumThroughput = 10_001,
        ["breaker ratio zero"] = o => o.Sources["api"].CircuitBreaker.FailureRatio = 0,
        ["breaker ratio not a number"] = o => o.Sources["api"].CircuitBreaker.FailureRatio = double.NaN,
        ["breaker sampling too short"] = o => o.Sources["api"].CircuitBreaker.SamplingDuration = TimeSpan.FromMilliseconds(100),
        ["breaker open too long"] = o => o.Sources["api"].CircuitBreaker.BreakDuration = TimeSpan.FromDays(2),
        ["retry delay too long"] = o => o.Sources["api"].Retry.BaseDelay = TimeSpan.FromMinutes(2),
        ["bad sql parameter name"] = o => o.Sources["db"].Sql!.Parameters["1st"] = "x",
        ["same sql parameter twice"] = o =>
        {
            o.Sources["db"].Sql!.Parameters["limit"] = "5";
            o.Sources["db"].Sql!.Parameters["@LIMIT"] = "6";
        },
        ["body with get"] = o => o.Sources["api"].Http!.Body = "{\"a\":1}",
        ["unknown default dashboard"] = o => o.DefaultDashboard = "missing",
        ["duplicate panel id"] = o => o.Dashboards[0].Panels[1].Id = "total",
    };

    public static TheoryData<string, string, string> Cases => new()
    {
        { "unknown source in a panel", "Dashboard:Dashboards:0:Panels:0:Source", "unknown source 'nope'" },
        { "negative fetch timeout", "Dashboard:Sources:api:FetchTimeout", "-00:00:01 must be greater than 0" },
        { "zero render deadline", "Dashboard:Sources:api:RenderDeadline", "must be greater than 0" },
        { "negative max age", "Dashboard:Sources:api:MaxAge", "must not be negative" },
        { "render deadline over fetch timeout", "Dashboard:Sources:api:RenderDeadline", "must not be greater than FetchTimeout (00:00:02)" },
        { "bad url", "Dashboard:Sources:api:Http:Url", "'not a url' is not an absolute http or https URL" },
        { "ftp scheme", "Dashboard:Sources:api:Http:Url", "'ftp://127.0.0.1/data.json' is not an absolute http or https URL" },
        { "duplicate slug", "Dashboard:Dashboards:1:Slug", "duplicate slug 'ops'" },
        { "bad slug", "Dashboard:Dashboards:0:Slug", "'Ops Team!' must be 1-64 lower-case letters, digits or dashes" },
        { "unknown sql connection", "Dashboard:Sources:db:Sql:Connection", "unknown connection 'warehouse'" },
        { "bad path expression", "Dashboard:Sources:api:Http:Path", "'data.items[' is not a valid path expression: " },
        { "panel type vs shape", "Dashboard:Dashboards:0:Panels:1:Source", "a 'stat' panel cannot show source 'table' of shape 'Table'" },
        { "bad format", "Dashboard:Dashboards:0:Panels:0:Format", "'X2' is not a format; use number, percent" },
        { "unknown panel type", "Dashboard:Dashboards:0:Panels:0:Type", "'pie' is not a panel type" },
        { "unknown kind", "Dashboard:Sources:api:Kind", "'graphql' is not a source kind" },
        { "bad threshold level", "Dashboard:Dashboards:0:Panels:0:Thresholds:0:Level", "'red' must be one of ok, warn, critical" },
        { "breaker throughput", "Dashboard:Sources:api:CircuitBreaker:MinimumThroughput", "1 must be between 2 and 10000" },
        { "breaker throughput too high", "Dashboard:Sources:api:CircuitBreaker:MinimumThroughput", "10001 must be between 2 and 10000" },
        { "breaker ratio zero", "Dashboard:Sources:api:CircuitBreaker:FailureRatio", "0 must be greater than 0 and at most 1" },
        { "breaker ratio not a number", "Dashboard:Sources:api:CircuitBreaker:FailureRatio", "NaN must be greater than 0 and at most 1" },
        { "breaker sampling too short", "Dashboard:Sources:api:CircuitBreaker:SamplingDuration", "00:00:00.1000000 must be between 00:00:00.5000000 and 1.00:00:00" },
        { "breaker open too long", "Dashboard:Sources:api:CircuitBreaker:BreakDuration", "2.00:00:00 must be between 00:00:00.5000000 and 1.00:00:00" },
        { "retry delay too long", "Dashboard:Sources:api:Retry:BaseDelay", "00:02:00 must be between 0 and 00:01:00" },
        { "bad sql parameter name", "Dashboard:Sources:db:Sql:Parameters", "'1st' is not a parameter name" },
        { "same sql parameter twice", "Dashboard:Sources:db:Sql:Parameters", "'@LIMIT' names the same parameter as 'limit'" },
        { "body with get", "Dashboard:Sources:api:Http:Body", "a body is only sent with POST" },
        { "unknown default dashboard", "Dashboard:DefaultDashboard", "no dashboard has the slug 'missing'" },
        { "duplicate panel id", "Dashboard:Dashboards:0:Panels:1:Id", "duplicate panel id 'total' in dashboard 'ops'" },
    };

    [Fact]
    public void Baseline_configuration_is_valid()
    {
        Assert.Empty(Validate(Valid()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_is_reported_once_naming_its_key_and_why(string breakage, string key, string why)
    {
        var options = Valid();
        Breakages[breakage](options);

        var error = Assert.Single(Validate(options));

        Assert.StartsWith(key + ": ", error, StringComparison.Ordinal);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_breakage_has_an_expected_message()
    {
        Assert.Equal(Breakages.Keys.Order(), Cases.Select(c => c.Data.Item1).Order());
    }

    [Fact]
    public void Several_problems_are_all_reported_together()
    {
        var options = Valid();
        Breakages["bad url"](options);
        Breakages["bad slug"](options);
        Breakages["unknown sql connection"](options);

        var errors = Validate(options);

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Dashboard:Sources:api:Http:Url:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dashboard:Dashboards:0:Slug:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dashboard:Sources:db:Sql:Connection:", StringComparison.Ordinal));
    }

    [Fact]
    public void Relative_url_on_this_app_and_a_valid_path_expression_are_accepted()
    {
        var options = Valid();
        options.Sources["api"].Http!.Url = "/demo/api/traffic";
        options.Sources["api"].Http!.Path = "['odd key'].items[*].price";

        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Sql_parameter_names_with_or_without_a_prefix_and_a_switched_off_breaker_with_odd_numbers_are_accepted()
    {
        var options = Valid();
        options.Sources["db"].Sql!.Parameters = new(StringComparer.Ordinal) { ["@limit"] = "5", ["_from_2"] = "", [":until"] = "x" };
        options.Sources["api"].CircuitBreaker = new CircuitBreakerOptions { Enabled = false, MinimumThroughput = 0, FailureRatio = 0 };

        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Time_range_parameter_names_and_unknown_placeholder_forms_are_refused()
    {
        var options = Valid();
        options.Sources["db"].Sql!.Parameters = new(StringComparer.Ordinal) { [":to"] = "x", ["Interval"] = "1" };
        options.Sources["api"].Http!.Url = "http://example.com/q?since={from:hours}";

        var errors = Validate(options);

        Assert.Contains(errors, e => e.StartsWith("Dashboard:Sources:db:Sql:Parameters: parameter ':to' is reserved", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dashboard:Sources:db:Sql:Parameters: parameter 'Interval' is reserved", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dashboard:Sources:api:Http:Url: '{from:hours}' is not a time placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void Placeholder_problems_name_their_field_and_a_body_with_unquoted_placeholders_is_valid_json_as_sent()
    {
        var options = Valid();
        var http = options.Sources["api"].Http!;
        http.Method = "POST";
        http.Body = """{ "from": "{from}", "to": {to:ms}, "step": {interval:s} }""";
        http.Query = new(StringComparer.Ordinal) { ["since"] = "{from:days}" };
        http.Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Until"] = "{to:iso}" };
        Assert.Equal(
            ["Dashboard:Sources:api:Http:Query: '{from:days}' is not a time placeholder: use {from} (ISO 8601), {from:ms} or {from:s}",
             "Dashboard:Sources:api:Http:Headers: '{to:iso}' is not a time placeholder: use {to} (ISO 8601), {to:ms} or {to:s}"],
            Validate(options));

        http.Body = """{ "to": {to:weeks} }""";
        http.Query.Clear();
        http.Headers.Clear();
        Assert.Equal(["Dashboard:Sources:api:Http:Body: '{to:weeks}' is not a time placeholder: use {to} (ISO 8601), {to:ms} or {to:s}"], Validate(options));

        http.Body = """{ "to": {to:ms} """;
        Assert.Contains(Validate(options), e => e.StartsWith("Dashboard:Sources:api:Http:Body: ", StringComparison.Ordinal) && !e.Contains("placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void A_timeseries_of_a_scalar_source_plots_its_history_so_the_source_may_not_use_the_time_range()
    {
        var options = Valid();
        options.Dashboards[0].Panels.Add(new PanelOptions { Id = "h", Title = "History", Source = "api", Type = PanelTypes.Timeseries });
        Assert.Empty(Validate(options));

        options.Sources["api"].Http!.Url = "http://127.0.0.1:9/v?since={from:ms}";
        Assert.Contains(Validate(options), e => e.EndsWith("plots its history, which is kept only for sources that do not use the time range; make the source a Table of (time, value) rows per @interval instead", StringComparison.Ordinal)
            && e.StartsWith("Dashboard:Dashboards:0:Panels:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("now-6h", "now", null)]
    [InlineData("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", null)]
    [InlineData("", null, "From is required")]
    [InlineData("banana", null, "from: 'banana' is not a time")]
    [InlineData("now", "now-1h", "must be before the end")]
    [InlineData("now-2y", null, "is not a relative time")]
    [InlineData("now-500d", null, "at most 366 days")]
    public void A_dashboard_default_time_range_is_checked(string from, string? to, string? expected)
    {
        var options = Valid();
        options.Dashboards[0].TimeRange = new Dashboard.TimeRanges.TimeRangeOptions { From = from, To = to };

        var errors = Validate(options);

        if (expected is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.StartsWith("Dashboard:Dashboards:0:TimeRange: ", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Back_off_settings_out_of_range_are_refused_and_an_unset_break_duration_is_accepted()
    {
        var options = Valid();
        options.Sources["api"].Backoff = new BackoffOptions { MinRetryInterval = TimeSpan.FromMilliseconds(100), MaxAgeShare = 1.5, Max = TimeSpan.FromDays(2) };
        options.Sources["db"].CircuitBreaker.BreakDuration = null;

        var errors = Validate(options);

        Assert.Contains(errors, e => e.StartsWith("Dashboard:Sources:api:Backoff:MinRetryInterval:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dashboard:Sources:api:Backoff:MaxAgeShare:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dashboard:Sources:api:Backoff:Max:", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("Sources:db", StringComparison.Ordinal));
    }

    /// <summary>Dashboards may all come from the provisioning folder or the admin area, so a configuration without any
    /// is valid (the admin area refuses to delete the last one).</summary>
    [Fact]
    public void No_dashboard_at_all_is_valid()
    {
        var options = Valid();
        options.Dashboards.Clear();

        Assert.Empty(Validate(options));
    }

    private static IReadOnlyList<string> Validate(DashboardOptions options) =>
        DashboardConfigValidator.Validate(options, Connections, new JsonPathExpressionValidator().Validate);

    private static DashboardOptions Valid()
    {
        var options = new DashboardOptions
        {
            Sources = new(StringComparer.OrdinalIgnoreCase)
            {
                ["api"] = new SourceOptions
                {
                    Kind = SourceKinds.Http,
                    Http = new HttpSourceOptions { Url = "http://127.0.0.1:9/v", Path = "data.total" },
                    RenderDeadline = TimeSpan.FromSeconds(1),
                    FetchTimeout = TimeSpan.FromSeconds(5),
                },
                ["table"] = new SourceOptions
                {
                    Kind = SourceKinds.Http,
                    Shape = ValueShape.Table,
                    Http = new HttpSourceOptions { Url = "https://127.0.0.1/orders", Path = "orders" },
                },
                ["db"] = new SourceOptions
                {
                    Kind = SourceKinds.Sql,
                    Sql = new SqlSourceOptions { Connection = "demo", Query = "select count(*) from events" },
                },
            },
            Dashboards =
            [
                new DashboardDefinition
                {
                    Slug = "ops",
                    Title = "Ops",
                    Panels =
                    [
                        new PanelOptions { Id = "total", Title = "Total", Source = "api", Type = PanelTypes.Stat, Format = "N0" },
                        new PanelOptions { Id = "orders", Title = "Orders", Source = "table", Type = PanelTypes.Table },
                        new PanelOptions { Id = "events", Title = "Events", Source = "db", Type = PanelTypes.Stat },
                    ],
                },
            ],
        };
        DashboardOptionsSetup.Normalize(options);
        return options;
    }
}
