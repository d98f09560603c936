using Dashboard.Configuration;

namespace Dashboard.Tests.Support;

/// <summary>A configuration provider a test can swap, as the admin area will.</summary>
public sealed class TestConfigProvider(DashboardOptions options) : IDashboardConfigProvider
{
    private DashboardConfig current = new(Normalized(options), 1);

    public DashboardConfig Current => current;

    public event Action<DashboardConfig, DashboardConfig>? Changed;

    public void Set(DashboardOptions options)
    {
        var previous = current;
        current = new DashboardConfig(Normalized(options), previous.Version + 1);
        Changed?.Invoke(previous, current);
    }

    private static DashboardOptions Normalized(DashboardOptions options)
    {
        DashboardOptionsSetup.Normalize(options);
        return options;
    }
}
