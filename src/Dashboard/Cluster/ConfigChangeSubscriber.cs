using System.Globalization;
using Dashboard.Configuration;

namespace Dashboard.Cluster;

/// <summary>Applies configuration changes made on other instances as soon as their transaction commits: the writing
/// transaction sends <see cref="ClusterChannels.Config"/> with the new version, and this instance reloads when it is
/// not at that version yet (its own saves are already applied). While the listening connection is down,
/// <see cref="StoredConfigPoller"/> polls instead; after reconnecting, one version check catches up.</summary>
public sealed class ConfigChangeSubscriber(
    StoredConfigLayer stored,
    IClusterBus bus,
    TimeProvider time,
    ILogger<ConfigChangeSubscriber> logger) : IHostedService, IDisposable
{
    // A reload that fails while the listening connection stays up would otherwise wait for the next change.
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = bus.Subscribe(
            ClusterChannels.Config,
            OnAnnouncedAsync,
            ct => WithRetriesAsync(stored.ReloadIfChangedAsync, ct));
        return Task.CompletedTask;
    }

    private Task OnAnnouncedAsync(string payload, CancellationToken cancellationToken)
    {
        if (long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version == stored.LoadedStoreVersion)
        {
            return Task.CompletedTask;
        }

        // An unreadable payload still means "something changed": reload and see.
        return WithRetriesAsync(stored.ReloadAsync, cancellationToken);
    }

    private async Task WithRetriesAsync(Func<CancellationToken, Task> reload, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await reload(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < RetryDelays.Length)
            {
                logger.LogWarning(ex, "Could not load the configuration another instance changed; trying again");
                await Task.Delay(RetryDelays[attempt], time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        subscription = null;
        return Task.CompletedTask;
    }

    public void Dispose() => subscription?.Dispose();
}
