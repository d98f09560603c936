namespace Dashboard.Sources.Engine;

/// <summary>How long a fetch lease must hold: the whole fetch as the pipeline bounds it (every attempt's FetchTimeout plus
/// the retry delays, with Polly's jitter up to 1.5×), plus the wait for shared state and a margin. A holder that dies
/// stalls the entry at most this long.</summary>
public static class LeaseTime
{
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    public static TimeSpan For(SourceOptions options, TimeSpan sharedReadWait)
    {
        var attempts = options.Retry.MaxRetries + 1;
        var delays = options.Retry.BaseDelay * (Math.Pow(2, options.Retry.MaxRetries) - 1) * 1.5;
        return (options.FetchTimeout * attempts) + delays + sharedReadWait + Margin;
    }
}
