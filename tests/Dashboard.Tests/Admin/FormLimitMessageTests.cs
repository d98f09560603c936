using Bunit;
using Dashboard.Admin;
using Dashboard.Configuration;

namespace Dashboard.Tests.Admin;

/// <summary>A number that is only too large (or too small) is not "not a number": the message beside the field names the
/// limit, in the seconds the form uses.</summary>
public sealed class FormLimitMessageTests : IDisposable
{
    private readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    private string Rendered(AdminFieldErrors errors, string field) =>
        context.Render<FieldError>(p => p.Add(c => c.Messages, errors.For(field))).Find("span.field-error").TextContent;

    private AdminFieldErrors Save(SourceForm form)
    {
        var errors = new AdminFieldErrors();
        var options = new DashboardOptions();
        options.Sources["s"] = form.ToOptions(existing: null, errors);
        DashboardOptionsSetup.Normalize(options);
        errors.AddValidatorErrors(DashboardConfigValidator.Validate(options, [], _ => null), "Dashboard:Sources:s", SourceForm.Fields);
        return errors;
    }

    private static SourceForm Http(ResilienceFields? resilience = null) => new()
    {
        Name = "s", Kind = "http", Url = "https://api.example/v", RenderDeadline = "1", FetchTimeout = "5", MaxAge = "30",
        Resilience = resilience ?? new ResilienceFields(),
    };

    [Fact]
    public void Too_large_numbers_name_the_limit_of_their_field()
    {
        var form = Http(new ResilienceFields { MaxRetries = "2147483648", MinimumThroughput = "99999999999999999999", SamplingDuration = "9999999999", BreakDuration = "1e400" });
        form.FetchTimeout = "700";
        form.MaxAge = "9999999999";

        var errors = Save(form);

        Assert.Equal("Must be between 0 and 10.", Rendered(errors, ResilienceFields.MaxRetriesField));
        Assert.Equal("Must be between 2 and 10000.", Rendered(errors, ResilienceFields.MinimumThroughputField));
        Assert.Equal("Must be between 0.5 and 86400 seconds.", Rendered(errors, ResilienceFields.SamplingDurationField));
        Assert.Equal("Must be between 0.5 and 86400 seconds.", Rendered(errors, ResilienceFields.BreakDurationField));
        Assert.Equal("Must be greater than 0 and at most 600 seconds.", Rendered(errors, nameof(SourceForm.FetchTimeout)));
        Assert.Equal("Must be at most 31536000 seconds (365 days).", Rendered(errors, nameof(SourceForm.MaxAge)));
        Assert.DoesNotContain(errors.All, m => m.Contains("not a", StringComparison.Ordinal) || m.Contains("00:", StringComparison.Ordinal));
    }

    [Fact]
    public void Cross_field_rules_speak_in_seconds_and_text_that_is_no_number_says_so()
    {
        var form = Http(new ResilienceFields { BaseDelay = "soon" });
        form.RenderDeadline = "9";
        form.FetchTimeout = "3";

        var errors = Save(form);

        Assert.StartsWith("Must not be greater than FetchTimeout (3 seconds)", Rendered(errors, nameof(SourceForm.RenderDeadline)), StringComparison.Ordinal);
        Assert.Equal("'soon' is not a number of seconds.", Rendered(errors, ResilienceFields.BaseDelayField));
    }

    [Theory]
    [InlineData("00:00:00.2000000 must be between 00:00:00.5000000 and 1.00:00:00", "must be between 0.5 and 86400 seconds")]
    [InlineData("2147483647 must be between 0 and 10", "must be between 0 and 10")]
    [InlineData("-3 must be between 1 and 3", "must be between 1 and 3")]
    [InlineData("'x y' must be letters, digits, '_', '.' or '-'", "'x y' must be letters, digits, '_', '.' or '-'")]
    [InlineData("unknown source 'revnue'", "unknown source 'revnue'")]
    public void Validator_messages_become_field_messages(string message, string expected) =>
        Assert.Equal(expected, FormMessages.ForField(message));
}
