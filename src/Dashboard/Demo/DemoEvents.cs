namespace Dashboard.Demo;

internal sealed record DemoEvent(long Id, long OccurredAtMs, string Kind, double Amount);

/// <summary>Deterministic, plausible activity, minute by minute: the events of a given minute are always the same
/// (its own seeded generator), whenever and however often they are generated, so a table filled at start-up and topped
/// up every minute is the same as one filled at once. About 0.85 events a minute with a day/night rhythm (UTC): every
/// time-range preset, from the last 15 minutes to the last 30 days, has data.</summary>
internal static class DemoEvents
{
    /// <summary>What the table keeps: the longest preset.</summary>
    public static readonly TimeSpan Span = TimeSpan.FromDays(30);

    /// <summary>Events in one minute at most (ids are the minute times this, plus the event's place).</summary>
    public const int MaxPerMinute = 8;

    private const long Seed = 20_260_214;

    /// <summary>The events of the minute starting at <paramref name="minute"/> minutes since the unix epoch, oldest first.</summary>
    public static IEnumerable<DemoEvent> InMinute(long minute)
    {
        var random = new Random(unchecked((int)((minute * 2_654_435_761L) ^ Seed)));
        var count = Math.Min(MaxPerMinute, Poisson(random, Rate(minute)));
        var offsets = Enumerable.Range(0, count).Select(_ => random.Next(60_000)).Order().ToArray();
        for (var i = 0; i < offsets.Length; i++)
        {
            var (kind, amount) = Pick(random);
            yield return new DemoEvent((minute * MaxPerMinute) + i, (minute * 60_000) + offsets[i], kind, amount);
        }
    }

    /// <summary>Events of every whole minute in <c>[fromMinute, toMinute)</c>.</summary>
    public static IEnumerable<DemoEvent> Between(long fromMinute, long toMinute)
    {
        for (var minute = fromMinute; minute < toMinute; minute++)
        {
            foreach (var e in InMinute(minute))
            {
                yield return e;
            }
        }
    }

    // Busy working hours, quiet nights (UTC).
    private static double Rate(long minute) => ((minute / 60) % 24) switch
    {
        < 7 => 0.25,
        < 10 => 0.75,
        < 19 => 1.3,
        _ => 0.9,
    };

    // Knuth's method: fine for small means.
    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

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
