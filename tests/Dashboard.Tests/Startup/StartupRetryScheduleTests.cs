using Dashboard.Storage;

namespace Dashboard.Tests.Startup;

public sealed class StartupRetryScheduleTests
{
    [Fact]
    public void Waits_double_from_one_second_up_to_ten_and_the_last_one_ends_on_the_deadline()
    {
        var schedule = new StartupRetrySchedule(TimeSpan.FromSeconds(60));
        var elapsed = TimeSpan.Zero;
        var delays = new List<double>();
        for (var attempt = 1; schedule.DelayAfter(attempt, elapsed) is { } delay; attempt++)
        {
            delays.Add(delay.TotalSeconds);
            elapsed += delay;
        }

        Assert.Equal([1, 2, 4, 8, 10, 10, 10, 10, 5], delays);
        Assert.Equal(TimeSpan.FromSeconds(60), elapsed);
    }

    [Fact]
    public void Zero_means_one_try()
    {
        Assert.Null(new StartupRetrySchedule(TimeSpan.Zero).DelayAfter(1, TimeSpan.Zero));
    }

    [Fact]
    public void Slow_tries_count_against_the_total()
    {
        var schedule = new StartupRetrySchedule(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(1), schedule.DelayAfter(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(0.5), schedule.DelayAfter(3, TimeSpan.FromSeconds(9.5)));
        Assert.Null(schedule.DelayAfter(2, TimeSpan.FromSeconds(10)));
    }
}
