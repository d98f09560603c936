using System.Globalization;
using Dashboard.Sources;

namespace Dashboard.Admin;

/// <summary>What one test fetch of a source came to: the reason it failed (secrets masked), or the value it selected
/// and the start of the raw response; and which form field the failure concerns.</summary>
public sealed record SourceTestResult(string? Failure, string? PublicFailure, TimeSpan Latency, SourceValue? Value, string? Raw)
{
    public bool Succeeded => Failure is null;

    /// <summary>The selected value in a line: the scalar, or a summary of the points or rows.</summary>
    public string? ValueText => Value is null ? null : Value.Shape switch
    {
        ValueShape.Series => $"{Value.Points?.Count ?? 0} points: " + string.Join(", ", (Value.Points ?? []).Take(10).Select(p => $"{p.X}={p.Y.ToString(CultureInfo.InvariantCulture)}")),
        ValueShape.Table => $"{Value.Table?.Rows.Count ?? 0} rows × columns {string.Join(", ", Value.Table?.Columns ?? [])}{(Value.Table?.Truncated == true ? " (truncated)" : "")}",
        _ => Value.ScalarText ?? "(empty)",
    };

    /// <summary>The source form's field a failure belongs beside (the names <see cref="SourceForm"/>'s errors use): the
    /// path for data that is not there, the URL for anything about reaching the upstream, the query or connection of a
    /// SQL source; <see cref="AdminFieldErrors.General"/> for the rest (a secret not set, a header that cannot be sent).</summary>
    public string FieldFor(string kind) => (kind, PublicFailure) switch
    {
        (_, null) => AdminFieldErrors.General,
        (_, PublicReasons.Configuration) => AdminFieldErrors.General,
        (SourceKinds.Sql, PublicReasons.ConnectionFailed) => "Sql:Connection",
        (SourceKinds.Sql, _) => "Sql:Query",
        (_, PublicReasons.UnexpectedData) => "Http:Path",
        _ => "Http:Url",
    };
}
