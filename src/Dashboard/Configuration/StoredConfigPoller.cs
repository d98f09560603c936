using Dashboard.Admin;
using Microsoft.Extensions.Options;

namespace Dashboard.Configuration;

/// <summary>Picks up configuration changes made on other instances: polls the stored <c>config_version</c>
/// every <see cref="AdminOptions.ConfigPollInterval"/> and reads the stored items again when it moved (the composed
/// configuration follows).</summary>
public sealed class StoredConfigPoller(
    StoredConfigLayer stored,
    IOptions<AdminOptions> options,
    TimeProvider time,
    ILogger<StoredConfigPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ConfigPollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await stored.ReloadIfChangedAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not check the stored configuration version; will retry");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
