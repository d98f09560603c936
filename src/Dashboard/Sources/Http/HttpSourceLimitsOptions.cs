namespace Dashboard.Sources.Http;

/// <summary>Limits shared by all HTTP sources (bound from <c>Dashboard:Http</c>).</summary>
public sealed class HttpSourceLimitsOptions
{
    /// <summary>Largest upstream body read; enforced while streaming, so a huge body is cut off early.</summary>
    public long MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Characters of the raw body kept for the admin's source test.</summary>
    public int RawPreviewChars { get; set; } = 2048;

    /// <summary>Rows kept when an HTTP source is shaped as a table; further rows are dropped and the table marked truncated.</summary>
    public int MaxTableRows { get; set; } = 100;
}
