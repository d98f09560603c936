namespace Dashboard.Demo;

/// <summary>The demo traffic API's values at any time (deterministic waves with jitter), shared by the API and the
/// history seeded for its sources (<see cref="DemoHistorySeeder"/>), so the seeded past joins the live values.</summary>
public static class DemoTraffic
{
    public static int Visitors(DateTimeOffset at)
    {
        var t = Minutes(at);
        return (int)(1200 + (300 * Math.Sin(t / 7)) + Noise(t, 40));
    }

    public static int PageViews(DateTimeOffset at)
    {
        var t = Minutes(at);
        return (int)(5400 + (900 * Math.Sin(t / 9)) + Noise(t, 120));
    }

    /// <summary>The value a JSON path of the traffic API reads at a time, or null for another path.</summary>
    public static int? ValueAt(string? path, DateTimeOffset at) => path switch
    {
        "data.visitors" => Visitors(at),
        "data.pageviews" => PageViews(at),
        _ => null,
    };

    private static double Minutes(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60.0;

    // Deterministic jitter so values move without a random generator.
    internal static double Noise(double seed, double amplitude) => amplitude * Math.Sin((seed * 12.9898) + 78.233);
}
