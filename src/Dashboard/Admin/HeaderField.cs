namespace Dashboard.Admin;

/// <summary>One request header in the source form; the value is write-only.</summary>
public sealed class HeaderField
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}
