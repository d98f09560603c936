namespace Dashboard.Sources.Ranges;

/// <summary>One use of the dashboard's time range in a source: which bound (<c>from</c>, <c>to</c>, <c>interval</c>)
/// and, for HTTP placeholders, in which form (<c>null</c> for ISO 8601, <c>ms</c> or <c>s</c> for unix time or a number).
/// <paramref name="Text"/> is what was written (<c>{from:ms}</c>, <c>@interval</c>).</summary>
public sealed record TimePlaceholder(string Name, string? Form, string Text)
{
    public const string From = "from";
    public const string To = "to";
    public const string Interval = "interval";

    /// <summary>The parts of a window a source can name.</summary>
    public static IReadOnlyList<string> Names { get; } = [From, To, Interval];
}
