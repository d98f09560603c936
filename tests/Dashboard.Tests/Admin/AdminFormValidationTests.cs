using Bunit;
using Dashboard.Admin;

namespace Dashboard.Tests.Admin;

/// <summary>The source form's validation messages: mapped to their fields from the validator's keys, and rendered beside them.</summary>
public sealed class AdminFormValidationTests : IDisposable
{
    private readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    [Fact]
    public void Validator_errors_land_on_their_fields_and_other_items_errors_are_ignored()
    {
        var errors = new AdminFieldErrors();
        errors.AddValidatorErrors(
            [
                "Dashboard:Sources:w:Http:Url: 'x' is not an absolute http or https URL",
                "Dashboard:Sources:w:RenderDeadline: 00:00:09 must not be greater than FetchTimeout (00:00:03): a page would wait",
                "Dashboard:Sources:w: source name 'w' must be 1-64 letters",
                "Dashboard:Sources:w:CircuitBreaker:MinimumThroughput: 1 must be between 2 and 10000",
                "Dashboard:Sources:w:Http:Proxy: not a field of the form",
                "Dashboard:Sources:wx:Http:Url: another source",
                "Dashboard:Dashboards:0:Panels:0:Source: unknown source 'w'",
            ],
            "Dashboard:Sources:w",
            SourceForm.Fields);

        Assert.Equal(["'x' is not an absolute http or https URL"], errors.For("Http:Url"));
        Assert.Equal(["must not be greater than FetchTimeout (3 seconds): a page would wait"], errors.For("RenderDeadline"));
        Assert.Equal(["source name 'w' must be 1-64 letters"], errors.For("Name"));
        Assert.Equal(["must be between 2 and 10000"], errors.For("CircuitBreaker:MinimumThroughput"));
        Assert.Equal(["Http:Proxy: not a field of the form"], errors.For(AdminFieldErrors.General));
        Assert.Equal(5, errors.All.Count());
    }

    [Fact]
    public void Unparsable_numbers_are_field_errors_and_empty_header_values_keep_the_stored_ones()
    {
        var stored = new Dashboard.Sources.SourceOptions
        {
            Name = "w",
            Http = new Dashboard.Sources.HttpSourceOptions { Url = "https://x.example", Headers = new(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer kept" } },
        };
        var form = new SourceForm
        {
            Name = "w", Kind = "http", Url = "https://x.example", RenderDeadline = "soon", Resilience = new ResilienceFields { MaxRetries = "1.5" },
            Headers = [new HeaderField { Name = "authorization" }, new HeaderField { Name = "X-New" }],
        };
        var errors = new AdminFieldErrors();

        var source = form.ToOptions(stored, errors);

        Assert.Equal(["'soon' is not a number of seconds"], errors.For("RenderDeadline"));
        Assert.Equal(["'1.5' is not a whole number"], errors.For("Retry:MaxRetries"));
        Assert.Equal(["header 'X-New' needs a value"], errors.For("Http:Headers"));
        Assert.Equal("Bearer kept", source.Http!.Headers["Authorization"]);
    }

    [Fact]
    public void A_bad_parameter_name_and_bad_breaker_values_render_beside_their_own_fields()
    {
        var form = new SourceForm
        {
            Name = "db", Kind = "sql", Connection = "local", Query = "SELECT @ok",
            SqlParameters = [new SqlParameterField { Name = "ok", Value = "1" }, new SqlParameterField { Name = "bad-name", Value = "2" }],
            Resilience = new ResilienceFields { MinimumThroughput = "1", FailureRatio = "0", SamplingDuration = "0.2", BreakDuration = "many" },
        };
        var errors = new AdminFieldErrors();
        var options = new Dashboard.Configuration.DashboardOptions();
        options.Sources["db"] = form.ToOptions(existing: null, errors);
        errors.AddValidatorErrors(Dashboard.Configuration.DashboardConfigValidator.Validate(options, ["local"], _ => null), "Dashboard:Sources:db", SourceForm.Fields);

        string Rendered(string field) => context.Render<FieldError>(p => p.Add(c => c.Messages, errors.For(field))).Find("span.field-error").TextContent;

        Assert.Equal(
            "'bad-name' is not a parameter name: use letters, digits and '_', not starting with a digit (an '@' before it is optional).",
            Rendered(SourceForm.SqlParametersField));
        Assert.Equal("Must be between 2 and 10000.", Rendered(ResilienceFields.MinimumThroughputField));
        Assert.Equal("Must be greater than 0 and at most 1.", Rendered(ResilienceFields.FailureRatioField));
        Assert.Equal("Must be between 0.5 and 86400 seconds.", Rendered(ResilienceFields.SamplingDurationField));
        Assert.Equal("'many' is not a number of seconds.", Rendered(ResilienceFields.BreakDurationField));
        Assert.Empty(errors.For(AdminFieldErrors.General));
    }

    [Fact]
    public void A_field_error_renders_beside_its_field_as_an_alert()
    {
        var cut = context.Render<FieldError>(p => p
            .Add(c => c.Messages, ["the host '169.254.169.254' is a link-local / cloud-metadata address"])
            .Add(c => c.Id, "url-error"));

        var span = cut.Find("span.field-error");
        Assert.Equal("url-error", span.Id);
        Assert.Equal("alert", span.GetAttribute("role"));
        Assert.Equal("The host '169.254.169.254' is a link-local / cloud-metadata address.", span.TextContent);
    }

    [Fact]
    public void No_messages_render_nothing()
    {
        var cut = context.Render<FieldError>(p => p.Add(c => c.Messages, []));

        Assert.Empty(cut.Markup.Trim());
    }
}
