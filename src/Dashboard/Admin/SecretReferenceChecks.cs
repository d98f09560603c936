using Dashboard.Sources;

namespace Dashboard.Admin;

/// <summary>What an admin saves must resolve here: a header or query value naming a secret that is not set is refused
/// with the key to set, rather than saved to fail on every fetch. (Names that are not allowed at all are the
/// configuration validator's message, at start-up too.)</summary>
public static class SecretReferenceChecks
{
    /// <summary>(field below the source, message) for each secret referenced by <paramref name="http"/> that is not set.</summary>
    public static IEnumerable<(string Field, string Message)> Unset(ISecretResolver secrets, HttpSourceOptions http) =>
        from part in new[] { ("Http:Headers", http.Headers), ("Http:Query", http.Query) }
        from entry in part.Item2
        from problem in secrets.Check(entry.Value)
        select (part.Item1, $"'{entry.Key}': {problem}");
}
