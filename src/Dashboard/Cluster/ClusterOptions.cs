namespace Dashboard.Cluster;

/// <summary>The notification channel between instances on PostgreSQL (bound from <c>Dashboard:Cluster</c>).</summary>
public sealed class ClusterOptions
{
    public const string Section = "Dashboard:Cluster";

    /// <summary>First wait before reconnecting a lost listening connection; it doubles per failed attempt.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two reconnection attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An idle listening connection makes a round trip this often, so a connection that died silently
    /// (network cut, no reset) is noticed and polling takes over.</summary>
    public TimeSpan IdleCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Problems()
    {
        if (ReconnectMinDelay <= TimeSpan.Zero)
        {
            yield return $"{Section}:ReconnectMinDelay: must be greater than 00:00:00";
        }

        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            yield return $"{Section}:ReconnectMaxDelay: must not be less than ReconnectMinDelay ({ReconnectMinDelay})";
        }

        if (IdleCheckInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:IdleCheckInterval: must be at least 00:00:01";
        }
    }
}
