namespace Dashboard.Configuration;

/// <summary>The configuration in force now. File-based at first; the admin area replaces it with
/// the stored one. Changed fires after a new snapshot is in place.</summary>
public interface IDashboardConfigProvider
{
    DashboardConfig Current { get; }

    event Action<DashboardConfig, DashboardConfig>? Changed;
}
