using Microsoft.AspNetCore.OutputCaching;

namespace Dashboard.Dashboards;

public static class PageCacheServiceCollectionExtensions
{
    /// <summary>ASP.NET Core output caching (its in-memory store: a per-instance cache) with the dashboard page's policy.</summary>
    public static IServiceCollection AddDashboardPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PageCacheOptions>()
            .Bind(configuration.GetSection(PageCacheOptions.Section))
            .Validate(
                o => o.Duration >= TimeSpan.Zero && o.Duration <= PageCacheOptions.MaxDuration,
                $"{PageCacheOptions.Section}:Duration: must be between 00:00:00 (off) and {PageCacheOptions.MaxDuration:c}")
            .Validate(o => o.SizeLimitMegabytes is >= 1 and <= 1024, $"{PageCacheOptions.Section}:SizeLimitMegabytes: must be between 1 and 1024")
            .ValidateOnStart();
        services.AddSingleton<DashboardPageCachePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>()
            .Configure<DashboardPageCachePolicy, Microsoft.Extensions.Options.IOptions<PageCacheOptions>>((options, policy, pageCache) =>
            {
                options.AddPolicy(DashboardPageCachePolicy.Name, policy);
                options.SizeLimit = pageCache.Value.SizeLimitMegabytes * 1024L * 1024;
                // No page is near this; a bigger one is served but not stored.
                options.MaximumBodySize = 1024 * 1024;
            });
        return services;
    }
}
