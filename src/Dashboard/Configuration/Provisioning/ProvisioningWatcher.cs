using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Configuration.Provisioning;

/// <summary>Applies file changes without a restart, on every instance that has the files: a change to the provisioning
/// folder (file system events, and a poll of names, sizes and times as the fallback where events do not arrive) or to
/// the configuration (its own reload token) is read once the folder has been quiet for
/// <see cref="ProvisioningOptions.Debounce"/>, then <see cref="DashboardConfigComposer"/> decides what goes in force.</summary>
public sealed class ProvisioningWatcher(
    DashboardConfigComposer composer,
    ProvisioningFolder folder,
    IConfiguration configuration,
    IOptions<ProvisioningOptions> options,
    TimeProvider time,
    ILogger<ProvisioningWatcher> logger) : BackgroundService
{
    // Something keeps writing: read anyway after this long, so a busy folder is not ignored forever.
    private static readonly TimeSpan MaxSettleTime = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private FileSystemWatcher? watcher;
    private bool warned;
    private string fingerprint = "";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var configurationChanges = ChangeToken.OnChange(configuration.GetReloadToken, Signal);
        fingerprint = folder.Fingerprint();
        Watch();

        // A change between start-up's read and now has no event any more: read once.
        Signal();
        var polling = options.Value.PollInterval > TimeSpan.Zero ? PollAsync(stoppingToken) : Task.CompletedTask;
        try
        {
            await ApplyChangesAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            watcher?.Dispose();
            await polling.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private void Signal() => signals.Writer.TryWrite(true);

    private async Task ApplyChangesAsync(CancellationToken stoppingToken)
    {
        var reader = signals.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            reader.TryRead(out _);
            var started = time.GetTimestamp();
            while (time.GetElapsedTime(started) < MaxSettleTime)
            {
                var quiet = Task.Delay(options.Value.Debounce, time, stoppingToken);
                if (await Task.WhenAny(quiet, reader.WaitToReadAsync(stoppingToken).AsTask()) == quiet)
                {
                    await quiet;
                    break;
                }

                reader.TryRead(out _);
            }

            try
            {
                await composer.ReloadFilesAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Reading the provisioning files failed; the configuration in force stays");
            }
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                Watch();
                var now = folder.Fingerprint();
                if (now != fingerprint)
                {
                    fingerprint = now;
                    Signal();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not list the provisioning folder {Folder}; will retry", folder.Root);
            }
        }
    }

    /// <summary>Starts file system events once the folder exists (and again after it was removed and created).</summary>
    private void Watch()
    {
        if (watcher is not null && !folder.Exists)
        {
            watcher.Dispose();
            watcher = null;
            Signal();
        }

        if (watcher is not null || !folder.Exists)
        {
            return;
        }

        try
        {
            var events = new FileSystemWatcher(folder.Root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            events.Changed += (_, _) => Signal();
            events.Created += (_, _) => Signal();
            events.Deleted += (_, _) => Signal();
            events.Renamed += (_, _) => Signal();
            events.Error += (_, e) =>
            {
                // E.g. too many events at once: read everything, and let the poll take over until the watcher is back.
                logger.LogWarning(e.GetException(), "File system events for {Folder} failed; polling every {Interval}", folder.Root, options.Value.PollInterval);
                Signal();
            };
            events.EnableRaisingEvents = true;
            watcher = events;
            Signal();
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // E.g. the inotify instance limit: the poll still sees every change, a little later (and tries again).
            if (warned)
            {
                return;
            }

            warned = true;
            logger.LogWarning(ex, "No file system events for {Folder}; polling every {Interval} instead", folder.Root, options.Value.PollInterval);
        }
    }
}
