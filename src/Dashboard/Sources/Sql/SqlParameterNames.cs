using System.Text.RegularExpressions;

namespace Dashboard.Sources.Sql;

/// <summary>What a configured SQL parameter may be called. Dapper strips one leading <c>@</c>, <c>:</c> or <c>?</c>,
/// so <c>limit</c> and <c>@limit</c> name the same parameter.</summary>
public static partial class SqlParameterNames
{
    [GeneratedRegex("^[@:?]?[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>The name as bound: without its prefix, case-insensitive (providers differ, so names differing only by
    /// case are treated as one).</summary>
    public static string Key(string name) => name.TrimStart('@', ':', '?').ToUpperInvariant();
}
