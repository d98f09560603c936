using Dashboard.Admin;
using Dashboard.Sources;

namespace Dashboard.Tests.Admin;

/// <summary><see cref="SourceForm.From"/> and <see cref="SourceForm.ToOptions"/>: what the form shows reads back as the same source.</summary>
public sealed class SourceFormTests
{
    [Fact]
    public void Sql_parameters_retry_and_breaker_settings_survive_a_round_trip()
    {
        var source = new SourceOptions
        {
            Name = "db",
            Kind = SourceKinds.Sql,
            Sql = new SqlSourceOptions
            {
                Connection = "local",
                Query = "SELECT @limit",
                Parameters = new(StringComparer.Ordinal) { ["limit"] = "8", ["@from"] = "", ["kind"] = "sale's" },
                CommandTimeout = TimeSpan.FromSeconds(7),
                MaxRows = 20,
            },
            Retry = new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10) },
            CircuitBreaker = new CircuitBreakerOptions
            {
                Enabled = false,
                MinimumThroughput = 9,
                FailureRatio = 1.0 / 3,
                SamplingDuration = TimeSpan.FromMilliseconds(1500),
                BreakDuration = TimeSpan.FromMinutes(5),
            },
        };
        var errors = new AdminFieldErrors();

        var form = SourceForm.From(source, 4);
        var back = form.ToOptions(existing: null, errors);

        Assert.False(errors.Any, string.Join("; ", errors.All));
        Assert.Equal(source.Sql.Parameters, back.Sql!.Parameters);
        Assert.Equal(2, back.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(10), back.Retry.BaseDelay);
        Assert.False(back.CircuitBreaker.Enabled);
        Assert.Equal(9, back.CircuitBreaker.MinimumThroughput);
        Assert.Equal(1.0 / 3, back.CircuitBreaker.FailureRatio);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), back.CircuitBreaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromMinutes(5), back.CircuitBreaker.BreakDuration);
        Assert.Equal("0.01", form.Resilience.BaseDelay);
        Assert.Equal("1.5", form.Resilience.SamplingDuration);
    }

    [Fact]
    public void A_new_form_starts_from_the_defaults_of_an_unconfigured_source()
    {
        var defaults = new SourceOptions();

        var source = new SourceForm { Name = "n", Kind = SourceKinds.Http, Url = "https://x.example" }.ToOptions(existing: null, new AdminFieldErrors());

        Assert.Equivalent(defaults.Retry, source.Retry);
        Assert.Equivalent(defaults.CircuitBreaker, source.CircuitBreaker);
    }

    [Fact]
    public void Posted_parameter_rows_replace_the_stored_ones_and_a_cleared_name_removes_one()
    {
        var stored = new SourceOptions
        {
            Name = "db",
            Kind = SourceKinds.Sql,
            Sql = new SqlSourceOptions { Connection = "local", Query = "SELECT 1", Parameters = new(StringComparer.Ordinal) { ["old"] = "1", ["kept"] = "2" } },
        };
        var form = SourceForm.From(stored, 1);
        form.SqlParameters[0].Name = " ";
        form.SqlParameters[1].Value = "changed";
        form.SqlParameters.Add(new SqlParameterField { Name = " added ", Value = null });

        var source = form.ToOptions(stored, new AdminFieldErrors());

        Assert.Equal(new Dictionary<string, string> { ["kept"] = "changed", ["added"] = "" }, source.Sql!.Parameters);
    }

    [Fact]
    public void A_parameter_named_twice_is_a_message_on_the_parameters_field()
    {
        var form = new SourceForm
        {
            Name = "db", Kind = SourceKinds.Sql, Connection = "local", Query = "SELECT @a",
            SqlParameters = [new() { Name = "a", Value = "1" }, new() { Name = "@A", Value = "2" }],
        };
        var errors = new AdminFieldErrors();

        var source = form.ToOptions(existing: null, errors);

        Assert.Equal(["parameter '@A' is given more than once (as 'a')"], errors.For(SourceForm.SqlParametersField));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1" }, source.Sql!.Parameters);
    }

    [Fact]
    public void Switching_an_http_source_to_sql_drops_its_http_settings_and_keeps_the_common_ones()
    {
        var stored = new SourceOptions
        {
            Name = "s",
            Kind = SourceKinds.Http,
            Description = "kept",
            Http = new HttpSourceOptions { Url = "https://x.example", Headers = new(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer secret" } },
            MaxAge = TimeSpan.FromMinutes(3),
            Retry = new RetryOptions { MaxRetries = 4 },
        };
        var form = SourceForm.From(stored, 2);
        form.Kind = SourceKinds.Sql;
        form.Connection = "local";
        form.Query = "SELECT 1";

        var source = form.ToOptions(stored, new AdminFieldErrors());

        Assert.Equal(SourceKinds.Sql, source.Kind);
        Assert.Null(source.Http);
        Assert.Equal("SELECT 1", source.Sql!.Query);
        Assert.Equal("kept", source.Description);
        Assert.Equal(TimeSpan.FromMinutes(3), source.MaxAge);
        Assert.Equal(4, source.Retry.MaxRetries);
    }

    [Theory]
    [InlineData("MaxRetries", "two", "Retry:MaxRetries", "'two' is not a whole number")]
    [InlineData("BaseDelay", "soon", "Retry:BaseDelay", "'soon' is not a number of seconds")]
    [InlineData("MinimumThroughput", "5.5", "CircuitBreaker:MinimumThroughput", "'5.5' is not a whole number")]
    [InlineData("FailureRatio", "half", "CircuitBreaker:FailureRatio", "'half' is not a number")]
    [InlineData("SamplingDuration", "", "CircuitBreaker:SamplingDuration", "'' is not a number of seconds")]
    [InlineData("BreakDuration", "NaN", "CircuitBreaker:BreakDuration", "'NaN' is not a number of seconds")]
    public void Unparsable_resilience_text_is_a_message_on_its_field(string property, string text, string field, string message)
    {
        var form = new SourceForm { Name = "n", Kind = SourceKinds.Http, Url = "https://x.example" };
        typeof(ResilienceFields).GetProperty(property)!.SetValue(form.Resilience, text);
        var errors = new AdminFieldErrors();

        form.ToOptions(existing: null, errors);

        Assert.Equal([message], errors.For(field));
        Assert.Contains(field, SourceForm.Fields);
    }
}
