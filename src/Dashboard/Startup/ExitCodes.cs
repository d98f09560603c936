namespace Dashboard.Startup;

/// <summary>The process exit codes of a start-up that did not get as far as serving (docs/ops.md, "Exit codes").
/// Distinct per cause, so a supervisor can tell a configuration mistake (restarting will not help) from storage that
/// is not there yet (restarting may).</summary>
public static class ExitCodes
{
    /// <summary>Stopped normally (SIGTERM, Ctrl+C).</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (a bug): the full exception is printed.</summary>
    public const int Unexpected = 1;

    /// <summary>The configuration is invalid or refused: one line per bad key.</summary>
    public const int Configuration = 2;

    /// <summary>Storage could not be reached (after the start-up retries) or refused the connection.</summary>
    public const int StorageUnavailable = 3;

    /// <summary>Storage was reached but its schema could not be migrated.</summary>
    public const int StorageMigration = 4;

    /// <summary>The server could not listen on its address (in use, or not allowed).</summary>
    public const int Listen = 5;
}
