using Dashboard.Logging;
using Dashboard.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Polly.CircuitBreaker;

namespace Dashboard.Tests.Logging;

/// <summary>One Warning per cause, Debug for repeats and consequences, Information on recovery; Error with the stack
/// only for the unexpected.</summary>
public sealed class SourceFailureLogTests
{
    private readonly FakeLogger logger = new();
    private readonly SourceFailureLog log = new();

    private static SourceFailureException Upstream(string reason) => new(reason, transient: true);

    private void Fail(string source, string reason, Exception? exception = null) =>
        log.Failed(logger, source, exception ?? Upstream(reason), reason, TimeSpan.FromMilliseconds(12));

    private IReadOnlyList<(LogLevel Level, string Message)> Records() =>
        [.. logger.Collector.GetSnapshot().Select(r => (r.Level, r.Message))];

    [Fact]
    public void The_first_failure_is_a_warning_without_stack_and_repeats_are_debug()
    {
        Fail("erp", "invalid JSON");
        Fail("erp", "invalid JSON");
        Fail("erp", "invalid JSON");

        var records = Records();
        Assert.Equal([LogLevel.Warning, LogLevel.Debug, LogLevel.Debug], records.Select(r => r.Level));
        Assert.Equal("Source erp fetch failed after 12 ms: invalid JSON", records[0].Message);
        Assert.Contains("(3 in a row)", records[2].Message, StringComparison.Ordinal);
        Assert.All(logger.Collector.GetSnapshot(), r => Assert.Null(r.Exception));
    }

    [Fact]
    public void A_new_reason_is_a_new_warning_and_each_source_counts_alone()
    {
        Fail("erp", "invalid JSON");
        Fail("payments", "HTTP 503");
        Fail("erp", "HTTP 500");
        Fail("payments", "HTTP 503");

        Assert.Equal([LogLevel.Warning, LogLevel.Warning, LogLevel.Warning, LogLevel.Debug], Records().Select(r => r.Level));
    }

    [Fact]
    public void The_open_breaker_is_a_consequence_and_does_not_hide_the_cause()
    {
        Fail("payments", "HTTP 503");
        Fail("payments", "circuit open after repeated failures", new BrokenCircuitException());
        Fail("payments", "HTTP 503");

        Assert.Equal([LogLevel.Warning, LogLevel.Debug, LogLevel.Debug], Records().Select(r => r.Level));
    }

    [Fact]
    public void Recovery_is_information_once_and_the_next_failure_warns_again()
    {
        log.Succeeded(logger, "payments");
        Fail("payments", "HTTP 503");
        Fail("payments", "HTTP 503");
        log.Succeeded(logger, "payments");
        log.Succeeded(logger, "payments");
        Fail("payments", "HTTP 503");

        var records = Records();
        Assert.Equal([LogLevel.Warning, LogLevel.Debug, LogLevel.Information, LogLevel.Warning], records.Select(r => r.Level));
        Assert.Equal("Source payments recovered after 2 failed fetch(es)", records[2].Message);
    }

    [Fact]
    public void An_unexpected_exception_is_an_error_with_its_stack_once_per_cause()
    {
        var bug = new InvalidOperationException("bug");

        Fail("s", "unexpected error (InvalidOperationException)", bug);
        Fail("s", "unexpected error (InvalidOperationException)", bug);

        var records = logger.Collector.GetSnapshot();
        Assert.Equal(LogLevel.Error, records[0].Level);
        Assert.Same(bug, records[0].Exception);
        Assert.Equal(LogLevel.Debug, records[1].Level);
    }
}
