namespace Dashboard.TimeRanges;

/// <summary>A range read from text (a URL's <c>from</c>/<c>to</c>, a dashboard's default): the range, or why it cannot be
/// used. Neither set: no range was given.</summary>
public sealed record TimeRangeInput(TimeRange? Range, string? Problem)
{
    public static TimeRangeInput None { get; } = new(null, null);

    public bool Given => Range is not null || Problem is not null;
}

/// <summary>Reads a range from its two ends as written (<see cref="TimeExpression.Parse"/>) and checks it
/// (<see cref="TimeRangeRules"/>). An empty <c>to</c> means now; an empty <c>from</c> with a <c>to</c> is a problem.</summary>
public static class TimeRangeParser
{
    public static TimeRangeInput Parse(string? from, string? to, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(from))
        {
            return string.IsNullOrWhiteSpace(to) ? TimeRangeInput.None : new TimeRangeInput(null, "'from' is missing: give the start of the range too");
        }

        var start = TimeExpression.Parse(from, zone, out var fromProblem);
        string? toProblem = null;
        var end = string.IsNullOrWhiteSpace(to) ? TimeExpression.Now : TimeExpression.Parse(to, zone, out toProblem);
        if (start is not { } s || end is not { } e)
        {
            string?[] problems = [fromProblem is null ? null : $"from: {fromProblem}", toProblem is null ? null : $"to: {toProblem}"];
            return new TimeRangeInput(null, string.Join("; ", problems.OfType<string>()));
        }

        var range = new TimeRange(s, e);
        return TimeRangeRules.Problem(range, now) is { } problem ? new TimeRangeInput(null, problem) : new TimeRangeInput(range, null);
    }
}
