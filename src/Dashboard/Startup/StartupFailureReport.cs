using Microsoft.Extensions.Options;

namespace Dashboard.Startup;

/// <summary>What a failed start-up tells a person: a heading and one line per problem, with the exit code. Known
/// causes (invalid options, a <see cref="StartupRefusalException"/>, an address in use) get their lines only; anything
/// else is a bug and keeps its full exception text.</summary>
public sealed record StartupFailureReport(string Heading, IReadOnlyList<string> Lines, int ExitCode)
{
    public static StartupFailureReport From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var validation = Flatten(exception).OfType<OptionsValidationException>().ToList();
        if (validation.Count > 0)
        {
            var lines = validation.SelectMany(v => v.Failures).SelectMany(SplitLines).Distinct(StringComparer.Ordinal).ToList();
            var heading = lines.Count == 1 ? "Dashboard cannot start: fix this setting:" : $"Dashboard cannot start: fix these {lines.Count} settings:";
            return new StartupFailureReport(heading, lines, ExitCodes.Configuration);
        }

        if (Flatten(exception).OfType<StartupRefusalException>().FirstOrDefault() is { } refusal)
        {
            return new StartupFailureReport("Dashboard cannot start:", SplitLines(refusal.Message).ToList(), refusal.ExitCode);
        }

        // Kestrel: "Failed to bind to address http://127.0.0.1:5080: address already in use."
        if (Flatten(exception).OfType<IOException>().FirstOrDefault(e => e.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal)) is { } bind)
        {
            return new StartupFailureReport(
                "Dashboard cannot start:",
                [$"{bind.Message.TrimEnd('.')}; stop what uses it, or choose another address with Urls (ASPNETCORE_URLS or --urls)"],
                ExitCodes.Listen);
        }

        return new StartupFailureReport("Dashboard failed to start (unexpected; please report it with this text):", SplitLines(exception.ToString()).ToList(), ExitCodes.Unexpected);
    }

    /// <summary>The heading, then each line indented.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Heading);
        foreach (var line in Lines)
        {
            writer.WriteLine("  " + line);
        }

        writer.WriteLine($"  (exit code {ExitCode}; see docs/ops.md, \"Exit codes\")");
        writer.Flush();
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<string> SplitLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
