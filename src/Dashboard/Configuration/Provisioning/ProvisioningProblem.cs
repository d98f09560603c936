namespace Dashboard.Configuration.Provisioning;

/// <summary>Why a provisioning file (or a stored item) is not in force as it is now: the file, the line where known,
/// and the message (a configuration key below the file, then why).</summary>
public sealed record ProvisioningProblem(string File, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"{File} line {line}: {Message}" : $"{File}: {Message}";
}
