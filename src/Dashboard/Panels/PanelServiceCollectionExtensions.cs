using Dashboard.Hosting;
using Dashboard.Panels.Formatting;
using Microsoft.Extensions.Options;

namespace Dashboard.Panels;

public static class PanelServiceCollectionExtensions
{
    /// <summary>What panels need besides their data: the time zone they write times in (checked at start-up).</summary>
    public static IServiceCollection AddDashboardPanels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TimeZoneOptions>()
            .Bind(configuration.GetSection(TimeZoneOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TimeZoneOptions>>(new ProblemsValidation<TimeZoneOptions>(o => o.Problems()));
        return services;
    }
}
