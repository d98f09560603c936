using System.Globalization;
using System.Xml;
using Dashboard.TimeRanges;

namespace Dashboard.Sources.Ranges;

/// <summary>A window's parts as text for HTTP placeholders. Times are UTC: ISO 8601 (<c>2026-12-05T14:00:00Z</c>,
/// fractions only when there are some), unix milliseconds or seconds (whole, rounded down). The interval is an ISO 8601
/// duration (<c>PT15S</c>, <c>P1D</c>), or milliseconds or seconds as a number.</summary>
public static class TimeWindowText
{
    /// <summary>The ISO 8601 form, also bound to SQLite's <c>@from</c>/<c>@to</c>: for whole seconds it is the text
    /// <c>strftime('%Y-%m-%dT%H:%M:%SZ', …)</c> produces, and SQLite's date functions read it.</summary>
    public static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The value of <paramref name="placeholder"/> in <paramref name="window"/>.</summary>
    /// <exception cref="SourceFailureException">An unknown form (the validator reports it first).</exception>
    public static string Of(TimePlaceholder placeholder, TimeWindow window) => placeholder.Name switch
    {
        TimePlaceholder.Interval => Interval(window.Interval, placeholder),
        TimePlaceholder.From => Time(window.From, placeholder),
        _ => Time(window.To, placeholder),
    };

    private static string Time(DateTimeOffset at, TimePlaceholder placeholder) => placeholder.Form switch
    {
        null => Iso(at),
        "ms" => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        "s" => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        _ => throw Unknown(placeholder),
    };

    private static string Interval(TimeSpan interval, TimePlaceholder placeholder) => placeholder.Form switch
    {
        null => XmlConvert.ToString(interval),
        "ms" => ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        "s" => interval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        _ => throw Unknown(placeholder),
    };

    private static SourceFailureException Unknown(TimePlaceholder placeholder) =>
        SourceFailureException.Misconfigured($"'{placeholder.Text}' is not a time placeholder (use {{{placeholder.Name}}}, {{{placeholder.Name}:ms}} or {{{placeholder.Name}:s}})");

    /// <summary><paramref name="text"/> with every time placeholder replaced by its value, passed through
    /// <paramref name="escape"/> for the place it goes (URL-encoded in a URL, JSON-escaped in a body, as is in a header
    /// or a query value that is encoded later).</summary>
    public static string Substitute(string text, TimeWindow window, Func<string, string> escape) =>
        TimeRangePlaceholders.HttpPlaceholder().Replace(text, match =>
        {
            var placeholder = TimeRangePlaceholders.InHttpText(match.Value).Single();
            return escape(Of(placeholder, window));
        });
}
