namespace Dashboard.Cluster;

/// <summary>How long to wait before the next attempt to reconnect: doubling from <see cref="Min"/> up to
/// <see cref="Max"/>, each spread by ±20 % so that instances cut off together (a database restart) do not all
/// come back in the same instant.</summary>
public sealed record ReconnectBackoff(TimeSpan Min, TimeSpan Max)
{
    private const double Spread = 0.2;

    /// <param name="attempt">0 for the first retry after a failure.</param>
    /// <param name="random">A number in [0, 1), e.g. <c>Random.Shared.NextDouble()</c>.</param>
    public TimeSpan Delay(int attempt, double random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);

        // 2^30 × any sensible Min is far beyond Max already; clamping the exponent keeps the maths finite.
        var doubled = Min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(doubled, Max.TotalMilliseconds);
        var spread = capped * (1 - Spread + (2 * Spread * random));
        return TimeSpan.FromMilliseconds(Math.Clamp(spread, 0, Max.TotalMilliseconds));
    }
}
