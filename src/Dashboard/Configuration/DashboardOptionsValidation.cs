using Microsoft.Extensions.Options;

namespace Dashboard.Configuration;

/// <summary>Start-up validation of the <c>Dashboard</c> section: the app refuses to start and lists
/// every bad key with the reason.</summary>
public sealed class DashboardOptionsValidation(IConfiguration configuration, IPathExpressionValidator paths) : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = DashboardConfigValidator.Validate(options, DashboardOptionsSetup.ConnectionNames(configuration), paths.Validate);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
