using Dashboard.Dashboards;
using Dashboard.Live;
using Dashboard.Sources;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Dashboards;

/// <summary>The page cache's key moves on with every source refresh, so a stored page never predates a new value
/// (a live refresh right after a change must get the new value, not the page stored a moment before).</summary>
public sealed class PageCacheKeyTests
{
    [Fact]
    public async Task A_source_refresh_starts_a_new_key_and_a_read_from_the_cache_does_not()
    {
        await using var harness = new EngineHarness(EngineHarness.Source("a", maxAgeSeconds: 10));
        harness.Sources["a"].Respond = call => new SourceFetchResult(SourceValue.OfNumber(call));
        using var live = new LiveUpdates(harness.Engine, harness.Config, Options.Create(new LiveOptions()), harness.Metrics);
        IOutputCachePolicy policy = new DashboardPageCachePolicy(Options.Create(new PageCacheOptions()), harness.Config, live, new Dashboard.TimeRanges.DashboardTimeRanges(harness.Time), harness.Metrics);

        var before = await KeyAsync(policy);
        await harness.Engine.ReadAsync("a", TestContext.Current.CancellationToken); // Fetched: a new value.
        var afterRefresh = await KeyAsync(policy);
        await harness.Engine.ReadAsync("a", TestContext.Current.CancellationToken); // Fresh from the cache: nothing new.
        var afterCachedRead = await KeyAsync(policy);

        Assert.NotEqual(before, afterRefresh);
        Assert.Equal(afterRefresh, afterCachedRead);
        Assert.Equal(1, harness.Sources["a"].Calls);
    }

    private static async Task<string> KeyAsync(IOutputCachePolicy policy)
    {
        var context = new OutputCacheContext { HttpContext = new DefaultHttpContext() };
        context.HttpContext.Request.Method = HttpMethods.Get;
        await policy.CacheRequestAsync(context, TestContext.Current.CancellationToken);
        return string.Join(";", context.CacheVaryByRules.VaryByValues.Select(v => $"{v.Key}={v.Value}"));
    }
}
