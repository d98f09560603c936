using System.Text.RegularExpressions;

namespace Dashboard.Tests.Http;

/// <summary>Finds a panel's markup in a streamed page body. A streamed page holds a panel twice: its
/// loading skeleton in the shell, then its final content in a <c>&lt;blazor-ssr&gt;</c> batch appended
/// after <c>&lt;/html&gt;</c>; the last occurrence is what the viewer ends up seeing.</summary>
internal static partial class PanelMarkup
{
    [GeneratedRegex("<section\\b[^>]*\\bdata-panel-id=\"(?<id>[^\"]+)\"[^>]*\\bdata-state=\"(?<state>[^\"]+)\"[^>]*>.*?</section>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Section();

    /// <summary>All renderings of the panel, in body order.</summary>
    public static IReadOnlyList<(string State, string Html)> All(string body, string panelId) =>
        Section().Matches(body)
            .Where(m => m.Groups["id"].Value == panelId)
            .Select(m => (m.Groups["state"].Value, m.Value))
            .ToArray();

    /// <summary>The panel's final rendering, or null when it is not in the body.</summary>
    public static (string State, string Html)? Final(string body, string panelId) =>
        All(body, panelId) is { Count: > 0 } all ? all[^1] : null;

    public static string FinalState(string body, string panelId) =>
        Final(body, panelId)?.State ?? throw new Xunit.Sdk.XunitException($"panel '{panelId}' not found in:\n{body}");

    public static string FinalHtml(string body, string panelId) =>
        Final(body, panelId)?.Html ?? throw new Xunit.Sdk.XunitException($"panel '{panelId}' not found in:\n{body}");
}
