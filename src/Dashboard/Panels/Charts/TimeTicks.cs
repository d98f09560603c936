using System.Globalization;

namespace Dashboard.Panels.Charts;

/// <summary>Time-axis ticks on round wall-clock times in the dashboard's zone (every 5 min, every 3 h, each midnight,
/// each month…), labelled as a reader expects: "14:30", a date at midnight, "Mar 3" for day steps, "2026" in January
/// for month steps. Every other tick (counted from the zone's midnight, so it stays put as time moves) is major.</summary>
public static class TimeTicks
{
    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7),
    ];

    private static readonly int[] MonthSteps = [1, 2, 3, 6, 12, 24, 60, 120];

    /// <param name="maxTicks">The most ticks wanted across the axis.</param>
    public static IReadOnlyList<TimeTick> For(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, int maxTicks)
    {
        if (to <= from || maxTicks < 1)
        {
            return [];
        }

        var span = to - from;
        var step = Steps.FirstOrDefault(s => span / s <= maxTicks);
        return step != default ? ByStep(from, to, zone, step) : ByMonths(from, to, zone, maxTicks);
    }

    private static List<TimeTick> ByStep(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, TimeSpan step)
    {
        var ticks = new List<TimeTick>();
        var local = TimeZoneInfo.ConvertTime(from, zone).DateTime;
        // Weeks start on Monday; smaller steps count from the local midnight.
        var day = local.Date;
        var origin = step == TimeSpan.FromDays(7) ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) : day;
        var index = (long)Math.Floor((local - origin) / step);
        for (var guard = 0; guard < 1000; guard++, index++)
        {
            var wall = origin + index * step;
            if (step < TimeSpan.FromDays(1) && wall.Date != origin.Date)
            {
                // A new local day: restart from its midnight, so steps stay on round clock times across DST changes.
                origin = wall.Date;
                index = 0;
                wall = origin;
            }

            if (zone.IsInvalidTime(wall))
            {
                continue; // The hour a DST change skips.
            }

            var at = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (at > to)
            {
                break;
            }

            if (at >= from)
            {
                ticks.Add(new TimeTick(at, Label(wall, step), IsMajor(wall, step, index)));
            }
        }

        return ticks;
    }

    private static bool IsMajor(DateTime wall, TimeSpan step, long index) =>
        step >= TimeSpan.FromDays(1) ? ((long)(wall - DateTime.UnixEpoch).TotalDays / (long)step.TotalDays) % 2 == 0 : index % 2 == 0;

    private static string Label(DateTime wall, TimeSpan step) => step switch
    {
        _ when step >= TimeSpan.FromDays(1) => wall.ToString("MMM d", CultureInfo.InvariantCulture),
        _ when wall.TimeOfDay == TimeSpan.Zero => wall.ToString("MMM d", CultureInfo.InvariantCulture),
        _ when step < TimeSpan.FromMinutes(1) => wall.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        _ => wall.ToString("HH:mm", CultureInfo.InvariantCulture),
    };

    private static List<TimeTick> ByMonths(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, int maxTicks)
    {
        var months = (to - from).TotalDays / 30.44;
        var step = MonthSteps.FirstOrDefault(m => months / m <= maxTicks, MonthSteps[^1]);
        var local = TimeZoneInfo.ConvertTime(from, zone).DateTime;
        // Months counted from year 0: the first month start at or after `from`, on a multiple of the step.
        var month = local.Year * 12 + local.Month - 1 + (local.Day == 1 && local.TimeOfDay == TimeSpan.Zero ? 0 : 1);
        month = (month + step - 1) / step * step;
        var first = new DateTime(month / 12, month % 12 + 1, 1);
        var ticks = new List<TimeTick>();
        for (var wall = first; ticks.Count < 1000; wall = wall.AddMonths(step))
        {
            var at = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (at > to)
            {
                break;
            }

            var label = wall.Month == 1 || step >= 12 ? wall.ToString("yyyy", CultureInfo.InvariantCulture) : wall.ToString("MMM", CultureInfo.InvariantCulture);
            var major = ((wall.Year * 12 + wall.Month - 1) / step) % 2 == 0;
            ticks.Add(new TimeTick(at, label, major));
        }

        return ticks;
    }
}
