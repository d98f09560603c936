using Dashboard.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>Gives the app's secret resolver its own <c>Secrets</c> section, as <c>Secrets__NAME</c> environment
/// variables would (the test app's configuration holds only what the test wrote).</summary>
public static class SecretServices
{
    public static IServiceCollection AddSecrets(this IServiceCollection services, Dictionary<string, string> secrets)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(secrets.Select(s => new KeyValuePair<string, string?>($"{ConfigurationSecretResolver.Section}:{s.Key}", s.Value)))
            .Build();
        return services.AddSingleton<ISecretResolver>(new ConfigurationSecretResolver(configuration));
    }
}
