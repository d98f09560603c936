using Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>History of values: retention (<see cref="HistoryOptions"/>, validated at start-up, the former
    /// <c>Dashboard:Storage:HistoryRetentionDays</c> honoured), range reads from the storage provider and hourly pruning.</summary>
    public static IServiceCollection AddValueHistory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HistoryOptions>()
            .Bind(configuration.GetSection(HistoryOptions.Section))
            .PostConfigure<IOptions<StorageOptions>>((history, storage) =>
            {
                if (configuration[$"{HistoryOptions.Section}:{nameof(HistoryOptions.Retention)}"] is null && storage.Value.HistoryRetentionDays is { } days and > 0)
                {
                    history.Retention = TimeSpan.FromDays(days);
                    history.RetentionFromLegacyDays = days;
                }
            })
            .Validate(
                o => o.Retention >= HistoryOptions.MinRetention && o.Retention <= HistoryOptions.MaxRetention,
                $"{HistoryOptions.Section}:Retention: must be between {HistoryOptions.MinRetention:c} and {HistoryOptions.MaxRetention:c} (e.g. \"30.00:00:00\")")
            .Validate(
                o => o.RangeValueRetention >= HistoryOptions.MinRetention && o.RangeValueRetention <= HistoryOptions.MaxRetention,
                $"{HistoryOptions.Section}:RangeValueRetention: must be between {HistoryOptions.MinRetention:c} and {HistoryOptions.MaxRetention:c} (e.g. \"7.00:00:00\")")
            .ValidateOnStart();

        // Both storage providers implement it; a store that does not is a programming error, said plainly.
        services.AddSingleton(sp => sp.GetRequiredService<IDashboardStore>() as IHistoryStore
            ?? throw new InvalidOperationException($"The storage provider '{sp.GetRequiredService<IDashboardStore>().Provider}' cannot read history over a range ({nameof(IHistoryStore)})"));
        services.AddSingleton<ValueHistory>();
        services.AddHostedService<HistoryPruner>();
        return services;
    }
}
