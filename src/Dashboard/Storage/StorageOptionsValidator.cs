using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Storage;

/// <summary>Checks <see cref="StorageOptions"/> at start-up; each message names the configuration key to fix.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    // Long enough for any sane page budget, and small enough that whole seconds fit an int.
    private static readonly TimeSpan MaxCommandTimeout = TimeSpan.FromMinutes(10);

    // Past this a supervisor's own restart policy is the better place to wait.
    private static readonly TimeSpan MaxStartupRetryTime = TimeSpan.FromHours(1);

    // Every refresh may wait this long before calling its upstream: more would eat a page's render deadline.
    private static readonly TimeSpan MaxSharedReadWait = TimeSpan.FromSeconds(5);

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var provider = StorageProviders.Normalize(options.Provider);

        if (string.IsNullOrWhiteSpace(options.Provider))
        {
            failures.Add($"{Key(nameof(options.Provider))}: is empty; use 'sqlite' or 'postgres'");
        }
        else if (provider is null)
        {
            failures.Add($"{Key(nameof(options.Provider))}: '{options.Provider}' is not supported; use 'sqlite' or 'postgres'");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Key(nameof(options.ConnectionString))}: is empty; e.g. 'Data Source=data/dashboard.db' for sqlite "
                + "or 'Host=db;Database=dashboard;Username=dashboard;Password=...' for postgres");
        }
        else if (provider is not null && DescribeConnectionStringProblem(provider, options.ConnectionString) is { } problem)
        {
            failures.Add($"{Key(nameof(options.ConnectionString))}: {problem}");
        }

        if (options.CommandTimeout <= TimeSpan.Zero || options.CommandTimeout > MaxCommandTimeout)
        {
            failures.Add($"{Key(nameof(options.CommandTimeout))}: must be greater than 00:00:00 and at most {MaxCommandTimeout:c} "
                + $"(e.g. '00:00:05'); got '{options.CommandTimeout:c}'");
        }

        if (options.SharedReadWait <= TimeSpan.Zero || options.SharedReadWait > MaxSharedReadWait)
        {
            failures.Add($"{Key(nameof(options.SharedReadWait))}: must be greater than 00:00:00 and at most {MaxSharedReadWait:c} "
                + $"(e.g. '00:00:00.100'); got '{options.SharedReadWait:c}'");
        }

        if (options.HistoryRetentionDays < 1)
        {
            failures.Add($"{Key(nameof(options.HistoryRetentionDays))}: must be at least 1; got {options.HistoryRetentionDays}");
        }

        if (options.StartupRetryTime < TimeSpan.Zero || options.StartupRetryTime > MaxStartupRetryTime)
        {
            failures.Add($"{Key(nameof(options.StartupRetryTime))}: must be between 00:00:00 and {MaxStartupRetryTime:c} (e.g. '00:01:00'); got '{options.StartupRetryTime:c}'");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string property) => $"{StorageServiceCollectionExtensions.SectionName}:{property}";

    // Messages never echo the connection string: it may carry a password.
    private static string? DescribeConnectionStringProblem(string provider, string connectionString)
    {
        try
        {
            if (provider == StorageProviders.Sqlite)
            {
                return SqliteDashboardStore.DescribeUnusableDataSource(new SqliteConnectionStringBuilder(connectionString));
            }

            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host)
                ? "has no Host; e.g. 'Host=db;Database=dashboard;Username=dashboard;Password=...'"
                : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return $"is not a valid {provider} connection string: {ex.Message}";
        }
    }
}
