using Dashboard.History;
using Dashboard.Storage;
using Dashboard.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.History;

/// <summary><c>Dashboard:History:Retention</c> (30 days by default; the former <c>Dashboard:Storage:HistoryRetentionDays</c>
/// still honoured) and the hourly pruning of history points and stored range values, on a real SQLite store.</summary>
public sealed class HistoryRetentionTests(SqliteTempDirectory directory) : IClassFixture<SqliteTempDirectory>
{
    private static HistoryOptions Options(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Dashboard:Storage"));
        services.AddSingleton<IDashboardStore>(new Support.InMemoryDashboardStore());
        services.AddValueHistory(configuration);
        return services.BuildServiceProvider().GetRequiredService<IOptions<HistoryOptions>>().Value;
    }

    [Fact]
    public void Retention_defaults_to_30_days_and_the_former_key_still_sets_it_unless_the_new_one_is_given()
    {
        Assert.Equal(TimeSpan.FromDays(30), Options().Retention);
        Assert.Equal(TimeSpan.FromDays(7), Options().RangeValueRetention);
        Assert.Null(Options().RetentionFromLegacyDays);

        var legacy = Options(("Dashboard:Storage:HistoryRetentionDays", "5"));
        Assert.Equal(TimeSpan.FromDays(5), legacy.Retention);
        Assert.Equal(5, legacy.RetentionFromLegacyDays);

        var both = Options(("Dashboard:Storage:HistoryRetentionDays", "5"), ("Dashboard:History:Retention", "90.00:00:00"));
        Assert.Equal(TimeSpan.FromDays(90), both.Retention);
        Assert.Null(both.RetentionFromLegacyDays);
    }

    [Theory]
    [InlineData("Dashboard:History:Retention", "00:00:01", "Dashboard:History:Retention: must be between 01:00:00 and 3660.00:00:00")]
    [InlineData("Dashboard:History:RangeValueRetention", "4000.00:00:00", "Dashboard:History:RangeValueRetention: must be between")]
    public void A_retention_out_of_bounds_is_refused_naming_the_key(string key, string value, string expected)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Options((key, value)));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pass_deletes_points_past_the_retention_and_range_values_not_refreshed_within_theirs()
    {
        var now = new DateTimeOffset(2026, 12, 5, 14, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        await using var store = new SqliteDashboardStore(new StorageOptions { ConnectionString = directory.NewConnectionString() }, directory.Path);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        var source = $"kept-{Guid.NewGuid():N}";
        await store.AppendHistoryAsync(new HistoryPoint(source, now.AddDays(-31), 1), TestContext.Current.CancellationToken);
        await store.AppendHistoryAsync(new HistoryPoint(source, now.AddDays(-29), 2), TestContext.Current.CancellationToken);
        await store.SaveLastGoodAsync(new LastGoodValue($"{source}#now-30d..now", "fp", "1", now.AddDays(-8)), TestContext.Current.CancellationToken);
        await store.SaveLastGoodAsync(new LastGoodValue($"{source}#now-6h..now", "fp", "2", now.AddDays(-6)), TestContext.Current.CancellationToken);
        await store.SaveLastGoodAsync(new LastGoodValue(source, "fp", "3", now.AddDays(-60)), TestContext.Current.CancellationToken);
        var pruner = new HistoryPruner(store, store, Microsoft.Extensions.Options.Options.Create(new HistoryOptions()), time, NullLogger<HistoryPruner>.Instance);

        Assert.Equal((1, 1), await pruner.PruneAsync(TestContext.Current.CancellationToken));

        Assert.Equal([2.0], (await store.GetHistoryAsync(source, 10, TestContext.Current.CancellationToken)).Select(p => p.Value));
        Assert.Null(await store.GetLastGoodAsync($"{source}#now-30d..now", TestContext.Current.CancellationToken));
        Assert.NotNull(await store.GetLastGoodAsync($"{source}#now-6h..now", TestContext.Current.CancellationToken));
        Assert.NotNull(await store.GetLastGoodAsync(source, TestContext.Current.CancellationToken));
    }
}
