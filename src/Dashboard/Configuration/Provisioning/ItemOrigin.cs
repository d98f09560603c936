namespace Dashboard.Configuration.Provisioning;

/// <summary>Where a provisioned item is defined: a file (as shown to people: <c>appsettings.json</c>,
/// <c>provisioning/sales.json</c>) and, when known, the line the item starts on.</summary>
public sealed record ItemOrigin(string File, int? Line)
{
    public override string ToString() => Line is { } line ? $"{File} line {line}" : File;
}
