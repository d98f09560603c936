namespace Dashboard.Sources;

/// <summary>Expands <c>{secret:NAME}</c> references from the configuration's <c>Secrets</c> section (which includes
/// environment variables <c>Secrets__NAME</c>), so secrets live outside the dashboard's configuration and never reach
/// pages or logs. No other configuration key can be referenced.</summary>
public interface ISecretResolver
{
    /// <summary>Returns the template with each reference replaced; throws <see cref="SourceFailureException"/>
    /// naming the refused or missing secret (never its value) when a name is not allowed or not set.</summary>
    string Resolve(string template);

    /// <summary>True when the text contains at least one secret reference.</summary>
    bool HasReference(string? text);

    /// <summary>Secrets referenced in <paramref name="template"/> that are not set, one message each naming the key to
    /// set; empty when they all resolve. For validating what an admin saves (names that are not allowed at all are
    /// the configuration validator's message).</summary>
    IEnumerable<string> Check(string? template);

    /// <summary>The text with every configured secret value masked: for diagnostics that show upstream output
    /// (an upstream may echo what it was sent).</summary>
    string Redact(string text);
}
