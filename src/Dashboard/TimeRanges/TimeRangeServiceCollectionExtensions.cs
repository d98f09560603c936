using Dashboard.Sources.Ranges;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.TimeRanges;

public static class TimeRangeServiceCollectionExtensions
{
    /// <summary>Dashboard time ranges: which range a view shows (<see cref="DashboardTimeRanges"/>), and the renewer that moves
    /// cached relative windows on for background refreshes (in place of the engine's default, whatever the order).</summary>
    public static IServiceCollection AddDashboardTimeRanges(this IServiceCollection services)
    {
        services.AddSingleton<DashboardTimeRanges>();
        services.Replace(ServiceDescriptor.Singleton<ITimeWindowRenewer, RelativeTimeWindowRenewer>());
        return services;
    }
}
