using System.Text.RegularExpressions;

namespace Dashboard.Sources;

/// <summary>Looks secrets up in <see cref="IConfiguration"/>: <c>{secret:WEATHER_TOKEN}</c> reads the
/// key <c>WEATHER_TOKEN</c> (an environment variable of that name lands there too).</summary>
public sealed partial class ConfigurationSecretResolver(IConfiguration configuration) : ISecretResolver
{
    [GeneratedRegex(@"\{secret:([A-Za-z0-9_.:\-]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    public string Resolve(string template)
    {
        if (!HasReference(template))
        {
            return template;
        }

        return Reference().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            var value = configuration[name];
            return string.IsNullOrEmpty(value)
                ? throw new SourceFailureException($"secret '{name}' is not set")
                : value;
        });
    }

    public bool HasReference(string? text) => text is not null && Reference().IsMatch(text);
}
