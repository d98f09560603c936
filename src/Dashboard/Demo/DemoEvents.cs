namespace Dashboard.Demo;

internal sealed record DemoEvent(int Id, long OccurredAtMs, string Kind, double Amount);

/// <summary>Deterministic, plausible activity: the same <c>now</c> always yields the same rows.</summary>
internal static class DemoEvents
{
    public const int Count = 5_000;
    public static readonly TimeSpan Span = TimeSpan.FromDays(14);

    private const int Seed = 20_260_214;

    public static IReadOnlyList<DemoEvent> Generate(DateTimeOffset now)
    {
        var random = new Random(Seed);
        var nowMs = now.ToUnixTimeMilliseconds();
        var spanMs = (long)Span.TotalMilliseconds;
        var times = new long[Count];
        for (var i = 0; i < times.Length; i++)
        {
            // Rejection sampling gives a day/night rhythm: busy working hours, quiet nights.
            long at;
            do
            {
                at = nowMs - (long)(random.NextDouble() * spanMs);
            }
            while (random.NextDouble() > Busyness(at));

            times[i] = at;
        }

        // Ids ascend with time, as they would in a real append-only table.
        Array.Sort(times);
        var events = new DemoEvent[Count];
        for (var i = 0; i < events.Length; i++)
        {
            var (kind, amount) = Pick(random);
            events[i] = new DemoEvent(i + 1, times[i], kind, amount);
        }

        return events;
    }

    private static double Busyness(long unixMs) => ((unixMs / 3_600_000) % 24) switch
    {
        < 7 => 0.2,
        < 10 => 0.6,
        < 19 => 1.0,
        _ => 0.7,
    };

    private static (string Kind, double Amount) Pick(Random random)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.30 => ("signup", 0),
            // Order values skew towards small baskets (squared uniform), 15–250.
            < 0.75 => ("order", Math.Round(15 + (235 * Math.Pow(random.NextDouble(), 2)), 2)),
            // Refunds are money going out, so revenue is simply SUM(amount).
            < 0.80 => ("refund", -Math.Round(15 + (120 * random.NextDouble()), 2)),
            _ => ("support", 0),
        };
    }
}
