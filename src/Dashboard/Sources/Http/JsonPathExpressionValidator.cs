using Dashboard.Configuration;

namespace Dashboard.Sources.Http;

/// <summary>Validates HTTP sources' path expressions with the same parser the source uses.</summary>
public sealed class JsonPathExpressionValidator : IPathExpressionValidator
{
    public string? Validate(string path) => JsonPathSelector.TryParse(path, out _, out var error) ? null : error;
}
