namespace Dashboard.Compression;

/// <summary>Response compression (docs/ops.md, "Compression").</summary>
public sealed class CompressionOptions
{
    public const string Section = "Dashboard:Compression";

    /// <summary>Responses compressed at once (<see cref="CompressionSlots"/>); 0 turns compression off.</summary>
    public int MaxConcurrent { get; set; } = 16;
}
