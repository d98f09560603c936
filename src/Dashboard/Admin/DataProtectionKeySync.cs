using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Keeps the shared key ring in step: every <see cref="AdminOptions.ConfigPollInterval"/> it saves keys this
/// instance created (key rotation) and loads keys other instances stored. New keys are made well before they are
/// used (Data Protection activates them days later), so this delay never leaves an instance without a key.</summary>
public sealed class DataProtectionKeySync(
    StoredXmlRepository keys,
    IKeyManager keyManager,
    IOptions<KeyManagementOptions> keyOptions,
    IOptions<AdminOptions> options,
    TimeProvider time,
    ILogger<DataProtectionKeySync> logger) : BackgroundService
{
    /// <summary>Start-up, before any request: load the stored ring, make the first key if there is no usable one, and
    /// save it, so the first cookie this instance issues is readable by every other instance.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await keys.LoadAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (!keyManager.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            keyManager.CreateNewKey(now, now + keyOptions.Value.NewKeyLifetime);
        }

        await keys.SaveNewKeysAsync(cancellationToken);

        // Another instance starting at the same moment may have stored its own first key: know it too.
        await keys.LoadAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ConfigPollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await keys.SaveNewKeysAsync(stoppingToken);
                    await keys.LoadAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not sync the Data Protection key ring with the database ({Unsaved} keys not saved yet); will retry", keys.Unsaved);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
