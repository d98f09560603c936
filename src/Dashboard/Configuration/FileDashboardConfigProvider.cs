using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Configuration;

/// <summary>Configuration from appsettings.json / environment. Start-up validation already passed;
/// an edited file is re-validated on reload and ignored (with an error in the log) if invalid, so a
/// typo never takes a running dashboard down.</summary>
public sealed class FileDashboardConfigProvider : IDashboardConfigProvider, IDisposable
{
    private readonly IConfiguration configuration;
    private readonly IPathExpressionValidator paths;
    private readonly ILogger<FileDashboardConfigProvider> logger;
    private readonly IDisposable reloadSubscription;
    private DashboardConfig current;

    public FileDashboardConfigProvider(
        IOptions<DashboardOptions> options,
        IConfiguration configuration,
        IPathExpressionValidator paths,
        ILogger<FileDashboardConfigProvider> logger)
    {
        this.configuration = configuration;
        this.paths = paths;
        this.logger = logger;
        current = new DashboardConfig(options.Value, 1);
        reloadSubscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public DashboardConfig Current => Volatile.Read(ref current);

    public event Action<DashboardConfig, DashboardConfig>? Changed;

    private void Reload()
    {
        var options = DashboardOptionsSetup.Bind(configuration);
        var errors = DashboardConfigValidator.Validate(options, DashboardOptionsSetup.ConnectionNames(configuration), paths.Validate);
        if (errors.Count > 0)
        {
            logger.LogError("Configuration reload rejected, keeping the previous configuration: {Errors}", string.Join("; ", errors));
            return;
        }

        var previous = Current;
        var next = new DashboardConfig(options, previous.Version + 1);
        Volatile.Write(ref current, next);
        logger.LogInformation("Configuration reloaded: {Summary}", DashboardConfig.Describe(options));
        Changed?.Invoke(previous, next);
    }

    public void Dispose() => reloadSubscription.Dispose();
}
