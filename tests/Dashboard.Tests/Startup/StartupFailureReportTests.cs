using Dashboard.Startup;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Startup;

public sealed class StartupFailureReportTests
{
    [Fact]
    public void Validation_failures_of_several_options_become_one_line_each_with_the_configuration_exit_code()
    {
        var failure = new AggregateException(
            new OptionsValidationException("a", typeof(object), ["Dashboard:A: bad", "Dashboard:B: worse"]),
            new OptionsValidationException("c", typeof(object), ["Dashboard:C: wrong"]));

        var report = StartupFailureReport.From(new InvalidOperationException("wrapped", failure));

        Assert.Equal(ExitCodes.Configuration, report.ExitCode);
        Assert.Equal(["Dashboard:A: bad", "Dashboard:B: worse", "Dashboard:C: wrong"], report.Lines);
        Assert.Equal("Dashboard cannot start: fix these 3 settings:", report.Heading);
    }

    [Fact]
    public void A_refusal_keeps_its_own_exit_code_and_text()
    {
        var report = StartupFailureReport.From(new StartupRefusalException("set Dashboard:X to something", ExitCodes.StorageMigration));

        Assert.Equal(ExitCodes.StorageMigration, report.ExitCode);
        Assert.Equal(["set Dashboard:X to something"], report.Lines);
    }

    [Fact]
    public void Anything_else_is_a_bug_and_keeps_its_exception_text()
    {
        var report = StartupFailureReport.From(new InvalidOperationException("boom"));

        Assert.Equal(ExitCodes.Unexpected, report.ExitCode);
        Assert.Contains(report.Lines, l => l.Contains("InvalidOperationException: boom", StringComparison.Ordinal));
    }

    [Fact]
    public void Written_report_is_the_heading_then_indented_lines()
    {
        using var writer = new StringWriter();

        new StartupFailureReport("Head:", ["one", "two"], ExitCodes.Configuration).WriteTo(writer);

        Assert.Equal(["Head:", "  one", "  two", "  (exit code 2; see docs/ops.md, \"Exit codes\")", ""], writer.ToString().Split(Environment.NewLine));
    }
}
