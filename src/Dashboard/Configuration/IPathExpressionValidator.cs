namespace Dashboard.Configuration;

/// <summary>Checks an HTTP source's JSON path expression; returns an error message or null.</summary>
public interface IPathExpressionValidator
{
    string? Validate(string path);
}
