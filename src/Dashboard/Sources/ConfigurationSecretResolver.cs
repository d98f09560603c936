using System.Text.RegularExpressions;

namespace Dashboard.Sources;

/// <summary>Looks secrets up in the <c>Secrets</c> section of <see cref="IConfiguration"/> only:
/// <c>{secret:WEATHER_TOKEN}</c> reads the key <c>Secrets:WEATHER_TOKEN</c> (environment variable
/// <c>Secrets__WEATHER_TOKEN</c>). Any other key (the storage connection string, the admin password hash, an
/// arbitrary environment variable) can never be named, as an admin may send a resolved value to any URL.</summary>
public sealed partial class ConfigurationSecretResolver(IConfiguration configuration) : ISecretResolver
{
    /// <summary>The only configuration section secrets are read from.</summary>
    public const string Section = "Secrets";

    // Below this length a value is not masked: it would garble text without protecting anything real.
    private const int MinimumMaskedLength = 4;

    // Deliberately broad, so a reference with a refused name is still recognised (and refused) rather than sent as text.
    [GeneratedRegex(@"\{secret:([^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    // No ':' so a name cannot climb out of the section; one level only.
    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedName();

    public string Resolve(string template)
    {
        if (!HasReference(template))
        {
            return template;
        }

        return Reference().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (NameProblem(name) is { } problem)
            {
                throw SourceFailureException.Misconfigured(problem);
            }

            var value = configuration[$"{Section}:{name}"];
            return string.IsNullOrEmpty(value)
                ? throw SourceFailureException.Misconfigured(NotSet(name))
                : value;
        });
    }

    public bool HasReference(string? text) => text is not null && Reference().IsMatch(text);

    public IEnumerable<string> Check(string? template) =>
        Names(template).Where(n => NameProblem(n) is null && string.IsNullOrEmpty(configuration[$"{Section}:{n}"])).Select(NotSet);

    /// <summary>Why names referenced in <paramref name="template"/> may not be used, one message each; needs no
    /// configuration, so the configuration validator uses it at start-up and on every admin save.</summary>
    public static IEnumerable<string> RefusedNames(string? template) => Names(template).Select(NameProblem).OfType<string>();

    private static IEnumerable<string> Names(string? template) =>
        template is null ? [] : Reference().Matches(template).Select(m => m.Groups[1].Value);

    public string Redact(string text)
    {
        // Every configured secret, longest first so a value containing another is masked whole; the URL-escaped form
        // too, as a value sent in the query may come back escaped.
        var values = configuration.GetSection(Section).GetChildren()
            .Select(c => c.Value)
            .OfType<string>()
            .SelectMany(v => new[] { v, Uri.EscapeDataString(v) })
            .Where(v => v.Length >= MinimumMaskedLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length);
        foreach (var value in values)
        {
            text = text.Replace(value, Http.SecretRedactor.Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static string? NameProblem(string name) => AllowedName().IsMatch(name)
        ? null
        : $"secret name '{name}' is not allowed: use letters, digits, '_', '.' or '-' (no ':'); it is read from {Section}:NAME";

    private static string NotSet(string name) =>
        $"secret '{name}' is not set (configuration key {Section}:{name}, environment variable {Section}__{name})";
}
