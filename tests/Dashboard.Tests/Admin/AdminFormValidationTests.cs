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
                "Dashboard:Sources:w:CircuitBreaker:MinimumThroughput: 1 must be at least 2",
                "Dashboard:Sources:wx:Http:Url: another source",
                "Dashboard:Dashboards:0:Panels:0:Source: unknown source 'w'",
            ],
            "Dashboard:Sources:w",
            SourceForm.Fields);

        Assert.Equal(["'x' is not an absolute http or https URL"], errors.For("Http:Url"));
        Assert.Equal(["00:00:09 must not be greater than FetchTimeout (00:00:03): a page would wait"], errors.For("RenderDeadline"));
        Assert.Equal(["source name 'w' must be 1-64 letters"], errors.For("Name"));
        Assert.Equal(["CircuitBreaker:MinimumThroughput: 1 must be at least 2"], errors.For(AdminFieldErrors.General));
        Assert.Equal(4, errors.All.Count());
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
            Name = "w", Kind = "http", Url = "https://x.example", RenderDeadline = "soon", MaxRetries = "1.5",
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
