namespace Dashboard.Admin;

/// <summary>One named SQL parameter in the source form. Unlike header values these are not secrets: the form shows them.</summary>
public sealed class SqlParameterField
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}
