using Dashboard.Configuration;
using Dashboard.Demo;
using Dashboard.Sources;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Demo;

/// <summary>A fresh demo's traffic sources get 30 days of past values (the traffic API's own values at those times), dense
/// over the last day; once only, never for other sources, never with the demo off.</summary>
public sealed class DemoHistorySeederTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 19, 0, 0, TimeSpan.Zero);

    private static SourceOptions Traffic(string path, string? since = null)
    {
        var http = new HttpSourceOptions { Url = DemoApiCatalog.Traffic.Path, Path = path };
        if (since is not null)
        {
            http.Query["since"] = since;
        }

        return new SourceOptions { Kind = "http", Http = http };
    }

    private static DashboardOptions Config() => new()
    {
        Sources =
        {
            ["visitors"] = Traffic("data.visitors"),
            ["ranged-visitors"] = Traffic("data.visitors", "{from:ms}"),
            ["other"] = new SourceOptions { Kind = "http", Http = new HttpSourceOptions { Url = "http://127.0.0.1:9/x", Path = "data.visitors" } },
        },
    };

    [Fact]
    public void The_seeded_times_cover_30_days_every_5_minutes_and_the_last_day_every_10_seconds()
    {
        var times = DemoHistoryTimes.Before(Now).ToList();

        Assert.InRange(times[0], Now - TimeSpan.FromDays(30), Now - TimeSpan.FromDays(30) + TimeSpan.FromMinutes(5));
        Assert.True(times[^1] < Now && times[^1] >= Now - TimeSpan.FromSeconds(10));
        var gaps = times.Zip(times.Skip(1), (a, b) => (At: b, Gap: b - a)).ToList();
        Assert.All(gaps.Where(g => g.At > Now.AddDays(-1)), g => Assert.Equal(TimeSpan.FromSeconds(10), g.Gap));
        Assert.All(gaps, g => Assert.InRange(g.Gap, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)));
        Assert.InRange(times.Count, 16_900, 17_100);
    }

    [Fact]
    public async Task A_fresh_demo_seeds_its_traffic_sources_once_with_the_apis_values()
    {
        var store = new InMemoryDashboardStore();
        var seeder = new DemoHistorySeeder(Options.Create(new DemoOptions { Enabled = true }), new TestConfigProvider(Config()), store, store, new FakeTimeProvider(Now), NullLogger<DemoHistorySeeder>.Instance);

        Assert.Equal(["visitors"], await seeder.SeedAsync(TestContext.Current.CancellationToken));
        var last = Assert.Single(await store.GetHistoryAsync("visitors", 1, TestContext.Current.CancellationToken));
        Assert.Equal(DemoTraffic.Visitors(last.At), last.Value);
        Assert.Empty(await store.GetHistoryAsync("ranged-visitors", 1, TestContext.Current.CancellationToken));
        Assert.Empty(await store.GetHistoryAsync("other", 1, TestContext.Current.CancellationToken));

        Assert.Empty(await seeder.SeedAsync(TestContext.Current.CancellationToken));
        Assert.Equal(DemoHistoryTimes.Before(Now).Count(), (await store.GetHistoryAsync("visitors", 100_000, TestContext.Current.CancellationToken)).Count);
    }
}
