using Dashboard.Admin;
using Dashboard.Sources;

namespace Dashboard.Tests.Admin;

/// <summary>The source form's back-off fields and the optional break duration read back as the same source.</summary>
public sealed class BackoffFormTests
{
    private static SourceOptions Source(TimeSpan? breakDuration) => new()
    {
        Name = "api",
        Http = new HttpSourceOptions { Url = "https://example.com/x" },
        CircuitBreaker = new CircuitBreakerOptions { BreakDuration = breakDuration },
        Backoff = new BackoffOptions { MinRetryInterval = TimeSpan.FromSeconds(3), MaxAgeShare = 0.25, Max = TimeSpan.FromMinutes(2) },
    };

    [Theory]
    [InlineData(null)]
    [InlineData(45.0)]
    public void Back_off_settings_and_the_break_duration_survive_a_round_trip(double? breakSeconds)
    {
        var source = Source(breakSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        var errors = new AdminFieldErrors();

        var form = SourceForm.From(source, 1);
        var back = form.ToOptions(existing: null, errors);

        Assert.False(errors.Any, string.Join("; ", errors.All));
        Assert.Equal(breakSeconds is null ? "" : "45", form.Resilience.BreakDuration);
        Assert.Equal(source.CircuitBreaker.BreakDuration, back.CircuitBreaker.BreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(3), back.Backoff.MinRetryInterval);
        Assert.Equal(0.25, back.Backoff.MaxAgeShare);
        Assert.Equal(TimeSpan.FromMinutes(2), back.Backoff.Max);
    }

    [Fact]
    public void An_emptied_break_duration_follows_the_back_off_and_text_keeps_the_previous_one_with_a_message()
    {
        var existing = Source(TimeSpan.FromSeconds(45));
        var form = SourceForm.From(existing, 1);
        form.Resilience.BreakDuration = " ";
        Assert.Null(form.ToOptions(existing, new AdminFieldErrors()).CircuitBreaker.BreakDuration);

        form.Resilience.BreakDuration = "soon";
        var errors = new AdminFieldErrors();
        Assert.Equal(TimeSpan.FromSeconds(45), form.ToOptions(existing, errors).CircuitBreaker.BreakDuration);
        Assert.Equal(["'soon' is not a number of seconds"], errors.For(ResilienceFields.BreakDurationField));
    }
}
