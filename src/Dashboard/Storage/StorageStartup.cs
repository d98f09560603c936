using Dashboard.Startup;
using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

/// <summary>Start-up's first contact with storage: migrates the schema, trying again with <see cref="StartupRetrySchedule"/>
/// (one log line per try) while storage is unreachable. Gives up with a <see cref="StartupRefusalException"/>
/// that names the database and what to check: <see cref="ExitCodes.StorageUnavailable"/> when it never answered or
/// refused the connection, <see cref="ExitCodes.StorageMigration"/> when the migration failed.</summary>
public sealed partial class StorageStartup(
    IServiceProvider services,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<StorageStartup> logger,
    string contentRootPath)
{
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        var target = StorageTarget.Describe(storage, contentRootPath);
        IDashboardStore store;
        try
        {
            store = services.GetRequiredService<IDashboardStore>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // SQLite creates the file's folder when the store is made.
            throw Unavailable($"storage unavailable: {target}: {ex.Message}; check the path in {Key("ConnectionString")} and its folder's permissions", ex);
        }

        await MigrateAsync(store, target, storage, cancellationToken);
    }

    // Not bounded here: the migration waits for another instance's one (a lock) and runs DDL; the driver's own connect
    // and command timeouts bound each try.
    private async Task MigrateAsync(IDashboardStore store, string target, StorageOptions storage, CancellationToken cancellationToken)
    {
        var schedule = new StartupRetrySchedule(storage.StartupRetryTime);
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.MigrateAsync(cancellationToken);
                if (attempt > 1)
                {
                    LogReached(logger, target, attempt);
                }

                return;
            }
            catch (Exception ex) when (StorageFaults.IsOutage(ex) && !cancellationToken.IsCancellationRequested)
            {
                LogDetail(logger, ex);
                var reason = StorageFaults.Describe(ex);
                if (schedule.DelayAfter(attempt, time.GetElapsedTime(started)) is not { } delay)
                {
                    throw Unavailable(
                        $"storage unavailable: {target} did not answer after {attempt} {(attempt == 1 ? "try" : "tries")} in "
                        + $"{Seconds(time.GetElapsedTime(started))} ({reason}); check that it is running and reachable from here, and "
                        + $"{Key("ConnectionString")} (start-up waits {Key("StartupRetryTime")} for it)",
                        ex);
                }

                LogRetrying(logger, target, attempt, reason, Seconds(delay));
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (Exception ex) when (StorageFaults.IsStorageError(ex) && !StorageFaults.IsConnectionRefusal(ex) && !cancellationToken.IsCancellationRequested)
            {
                LogDetail(logger, ex);
                throw new StartupRefusalException(
                    $"storage could not be migrated: {target} answered {StorageFaults.Describe(ex)}; the storage user needs the right "
                    + $"to create and alter tables there (check {Key("ConnectionString")})",
                    ExitCodes.StorageMigration,
                    ex);
            }
            catch (Exception ex) when (StorageFaults.IsStorageError(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Reached, but refused (password, unknown database, unreadable file): waiting will not fix it.
                LogDetail(logger, ex);
                throw Unavailable(
                    $"storage refused the connection: {target} answered {StorageFaults.Describe(ex)}; check the user, password, database "
                    + $"name or file path in {Key("ConnectionString")}",
                    ex);
            }
        }
    }

    private static StartupRefusalException Unavailable(string message, Exception inner) => new(message, ExitCodes.StorageUnavailable, inner);

    private static string Key(string name) => $"{StorageServiceCollectionExtensions.SectionName}:{name}";

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#} s";

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Storage not reachable ({Target}), try {Attempt}: {Reason}; next try in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string target, int attempt, string reason, string delay);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Storage reached ({Target}) at try {Attempt}")]
    private static partial void LogReached(ILogger logger, string target, int attempt);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Storage start-up failure detail")]
    private static partial void LogDetail(ILogger logger, Exception exception);
}
