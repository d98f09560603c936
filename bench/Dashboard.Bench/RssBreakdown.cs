namespace Dashboard.Bench;

/// <summary>One VmRSS sample and its parts (bytes), from /proc/&lt;pid&gt;/status.</summary>
public sealed record RssBreakdown(long Total, long Anonymous, long File, long Shared);
