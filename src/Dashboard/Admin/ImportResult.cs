namespace Dashboard.Admin;

/// <summary>What an import came to: <see cref="Errors"/> (nothing was changed) or applied, with <see cref="Dropped"/>
/// naming stored write-only values that were not carried over, and why.</summary>
public sealed record ImportResult(IReadOnlyList<string> Errors, IReadOnlyList<string> Dropped)
{
    public bool Applied => Errors.Count == 0;

    public static ImportResult Failed(params string[] errors) => new(errors, []);
}
