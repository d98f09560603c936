namespace Dashboard.Sources;

/// <summary>Expands <c>{secret:NAME}</c> references from configuration (which includes environment
/// variables), so secrets live outside the dashboard's configuration and never reach pages or logs.</summary>
public interface ISecretResolver
{
    /// <summary>Returns the template with each reference replaced; throws <see cref="SourceFailureException"/>
    /// naming the missing secret (never its value) when one is not set.</summary>
    string Resolve(string template);

    /// <summary>True when the text contains at least one secret reference.</summary>
    bool HasReference(string? text);
}
