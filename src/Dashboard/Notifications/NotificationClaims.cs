using System.Globalization;
using Dashboard.Logging;
using Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Notifications;

/// <summary>Several instances watch the same sources and see the same state changes; this makes each notice go out
/// once. A notice is claimed per webhook, source, kind and de-duplication window (<see cref="NotificationOptions.MinInterval"/>,
/// aligned to the clock) in the shared database; only the instance whose claim is first sends it. Two instances
/// whose observations straddle a window boundary may both send. If the database cannot be asked, the notice is sent:
/// a duplicate is better than a missed alert.</summary>
public sealed class NotificationClaims(IDashboardStore store, IOptions<NotificationOptions> options, ILogger<NotificationClaims> logger)
{
    public async Task<bool> TryClaimAsync(string webhook, SourceNotice notice, CancellationToken cancellationToken)
    {
        var window = (long)Math.Max(1, options.Value.MinInterval.TotalMilliseconds);
        var bucket = notice.At.ToUnixTimeMilliseconds() / window;
        var key = string.Create(CultureInfo.InvariantCulture, $"{webhook}|{notice.Source}|{notice.KindName}|{bucket}");
        try
        {
            return await store.TryClaimNotificationAsync(key, notice.At, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.NotificationClaimFailed(ex, notice.KindName, notice.Source);
            return true;
        }
    }
}
