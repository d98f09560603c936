using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Support;

/// <summary>The variables that the <c>export NAME=value</c> lines of a text set, as a POSIX shell would read them
/// (single quotes, backslash escapes outside them).</summary>
public static partial class ShellExports
{
    [GeneratedRegex(@"^export (?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();

    public static Dictionary<string, string> Parse(string text) =>
        ExportLine().Matches(text.Replace("\r", "", StringComparison.Ordinal))
            .ToDictionary(m => m.Groups["name"].Value, m => Unquote(m.Groups["value"].Value));

    private static string Unquote(string word)
    {
        var value = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < word.Length; i++)
        {
            switch (word[i])
            {
                case '\'':
                    quoted = !quoted;
                    break;
                case '\\' when !quoted && i + 1 < word.Length:
                    value.Append(word[++i]);
                    break;
                default:
                    value.Append(word[i]);
                    break;
            }
        }

        return value.ToString();
    }
}
