using Dashboard.Dashboards;
using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;

namespace Dashboard.Tests.Dashboards;

/// <summary>How long a rendered page may be reused: never past the moment its first value goes stale.</summary>
public sealed class PageCacheWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_window_is_the_shorter_of_the_configured_duration_and_the_first_value_to_go_stale()
    {
        var (http, context) = Request(TimeSpan.FromSeconds(10));

        DashboardPageCachePolicy.ReuseWhileFresh(http, [(Fresh(ageSeconds: 5), TimeSpan.FromSeconds(60)), (Fresh(ageSeconds: 27), TimeSpan.FromSeconds(30))], Now);

        Assert.Equal(TimeSpan.FromSeconds(3), context.ResponseExpirationTimeSpan);
        Assert.True(context.AllowCacheStorage);
    }

    [Fact]
    public void The_configured_duration_bounds_the_window_when_every_value_stays_fresh_longer()
    {
        var (http, context) = Request(TimeSpan.FromSeconds(1));

        DashboardPageCachePolicy.ReuseWhileFresh(http, [(Fresh(ageSeconds: 1), TimeSpan.FromMinutes(5))], Now);

        Assert.Equal(TimeSpan.FromSeconds(1), context.ResponseExpirationTimeSpan);
        Assert.True(context.AllowCacheStorage);
    }

    public static TheoryData<string> NotReusable => ["pending", "stale", "unavailable", "expiring now"];

    [Theory]
    [MemberData(nameof(NotReusable))]
    public void A_page_with_a_panel_still_loading_stale_unavailable_or_expiring_is_not_stored(string which)
    {
        var (http, context) = Request(TimeSpan.FromSeconds(1));
        var reading = which switch
        {
            "pending" => new TaskCompletionSource<SourceReading>().Task,
            "stale" => Task.FromResult(new SourceReading { SourceName = "s", State = ReadingState.Stale, Value = SourceValue.OfNumber(1), FetchedAt = Now.AddSeconds(-90), Reason = "HTTP 503" }),
            "unavailable" => Task.FromResult(SourceReading.Unavailable("s", "timeout", "timeout")),
            _ => Fresh(ageSeconds: 30),
        };

        DashboardPageCachePolicy.ReuseWhileFresh(http, [(Fresh(ageSeconds: 0), TimeSpan.FromMinutes(1)), (reading, TimeSpan.FromSeconds(30))], Now);

        Assert.False(context.AllowCacheStorage);
    }

    [Fact]
    public void Without_output_caching_for_the_request_nothing_happens()
    {
        var http = new DefaultHttpContext();

        DashboardPageCachePolicy.ReuseWhileFresh(http, [(Fresh(ageSeconds: 0), TimeSpan.FromMinutes(1))], Now);
        DashboardPageCachePolicy.ReuseWhileFresh(null, [], Now);

        Assert.Null(http.Features.Get<IOutputCacheFeature>());
    }

    private static Task<SourceReading> Fresh(int ageSeconds) =>
        Task.FromResult(new SourceReading { SourceName = "s", State = ReadingState.Fresh, Value = SourceValue.OfNumber(1), FetchedAt = Now.AddSeconds(-ageSeconds) });

    private static (HttpContext Http, OutputCacheContext Context) Request(TimeSpan duration)
    {
        var http = new DefaultHttpContext();
        var context = new OutputCacheContext { HttpContext = http, EnableOutputCaching = true, AllowCacheStorage = true, ResponseExpirationTimeSpan = duration };
        http.Features.Set<IOutputCacheFeature>(new Feature(context));
        return (http, context);
    }

    private sealed class Feature(OutputCacheContext context) : IOutputCacheFeature
    {
        public OutputCacheContext Context => context;
    }
}
