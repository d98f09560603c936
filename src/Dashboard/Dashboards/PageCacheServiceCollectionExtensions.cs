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
            .ValidateOnStart();
        services.AddSingleton<DashboardPageCachePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>()
            .Configure<DashboardPageCachePolicy>((options, policy) => options.AddPolicy(DashboardPageCachePolicy.Name, policy));
        return services;
    }
}
