using Dashboard.Configuration;
using Dashboard.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Registers and wires the admin area: cookie sign-in, its policy, the sign-in rate limits,
/// the shared Data Protection key ring, the stored configuration and its poller.</summary>
public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>()
            // Before Bind, so a configured value wins over the environment's default.
            .Configure<IHostEnvironment>((admin, environment) => admin.AllowPrivateTargets = environment.IsDevelopment())
            .Bind(configuration.GetSection(AdminOptions.Section))
            .Validate(o => o.ConfigPollInterval > TimeSpan.Zero, "Dashboard:Admin:ConfigPollInterval must be greater than 0")
            .Validate(
                o => o.SignInPermitLimit > 0 && o.SignInUserPermitLimit > 0 && o.SignInWindow > TimeSpan.Zero,
                "Dashboard:Admin:SignInPermitLimit, SignInUserPermitLimit and SignInWindow must be greater than 0")
            .Validate(o => o.SessionAbsoluteLifetime > TimeSpan.Zero, "Dashboard:Admin:SessionAbsoluteLifetime must be greater than 00:00:00")
            .Validate(
                o => o.AllowedHosts.All(h => Sources.Http.AllowedHost.Parse(h) is not null),
                "Dashboard:Admin:AllowedHosts: each entry must be a host or address, optionally with a port: 'db.internal', '127.0.0.1:5612', '[::1]:8080'")
            .ValidateOnStart();
        services.AddSingleton<AdminCredentials>();
        services.AddSingleton<AdminSourceRules>();
        services.AddSingleton<SourceTester>();
        services.AddSingleton<AdminConfigEditor>();
        services.AddSingleton<ConfigTransfer>();
        services.AddHostedService<StoredConfigPoller>();

        // One key ring for every instance (in the database), so cookies and form tokens work behind a load balancer;
        // encrypted at rest to a configured certificate: what ProtectKeysWithCertificate and UnprotectKeysWithAnyCertificate
        // do, with the certificates loaded (and validated) when first needed rather than while registering.
        services.AddOptions<KeyRingProtectionOptions>().Bind(configuration.GetSection(KeyRingProtectionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingProtectionOptions>, KeyRingProtectionValidator>();
        services.AddSingleton<KeyRingCertificates>();
        services.AddSingleton<StoredXmlRepository>();
        services.AddDataProtection().SetApplicationName("Dashboard");
        services.AddOptions<KeyManagementOptions>().Configure<StoredXmlRepository, KeyRingCertificates, ILoggerFactory>((o, repository, certificates, loggers) =>
        {
            o.XmlRepository = repository;

            // Without a certificate the keys are stored in the clear by choice (start-up says so when it matters), so the
            // framework's own "no XML encryptor" warning on every new key would only repeat it.
            o.XmlEncryptor = certificates.Current is { } certificate ? new CertificateXmlEncryptor(certificate, loggers) : new NullXmlEncryptor();
        });
        services.Add(ServiceDescriptor.Singleton(KeyRingCertificates.DecryptionSetupType, sp => sp.GetRequiredService<KeyRingCertificates>().DecryptionSetup));
        services.AddSingleton<DataProtectionKeySync>();
        services.AddHostedService(sp => sp.GetRequiredService<DataProtectionKeySync>());

        services.AddSingleton<AdminSessions>();
        services.AddSingleton<AdminCookieEvents>();
        services.AddAuthentication(AdminAuthentication.Scheme)
            .AddCookie(AdminAuthentication.Scheme, options =>
            {
                options.LoginPath = AdminAuthentication.SignInPath;
                options.AccessDeniedPath = AdminAuthentication.SignInPath;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;

                // Checks every request against the current credentials and the absolute lifetime.
                options.EventsType = typeof(AdminCookieEvents);
            });
        services.AddOptions<CookieAuthenticationOptions>(AdminAuthentication.Scheme)
            .Configure<IHostEnvironment>((options, environment) => AdminCookies.ApplyToAuthentication(options.Cookie, environment));
        services.AddOptions<AntiforgeryOptions>()
            .Configure<IHostEnvironment>((options, environment) => AdminCookies.ApplyToAntiforgery(options.Cookie, environment));
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuthentication.Policy, policy => policy
                .AddAuthenticationSchemes(AdminAuthentication.Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(AdminAuthentication.RoleClaim, "true"));
        services.AddCascadingAuthenticationState();
        services.AddSignInRateLimiting();
        return services;
    }

    /// <summary>The sign-in rate limit, request size limits, authentication and authorization; before antiforgery.</summary>
    public static WebApplication UseDashboardAdmin(this WebApplication app)
    {
        // Cheap refusals first: too many sign-in attempts, oversize uploads (both are endpoint metadata, so every
        // spelling of a path that routes to the page is covered).
        app.UseRateLimiter();
        app.UseRequestSizeGuard();
        // Outside the session check, which may find storage unavailable.
        app.UseAdminStorageOutage();
        app.UseAuthentication();
        app.UseAuthorization();

        // Downloads, so plain endpoints rather than pages.
        app.MapAdminExports();
        return app;
    }

    /// <summary>Start-up (after storage migrations): the shared key ring, then the configuration (files and stored items).</summary>
    public static async Task PrepareDashboardAdminAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        services.ReportUnencryptedKeyRing();

        await services.GetRequiredService<DataProtectionKeySync>().PrepareAsync(cancellationToken);
        if (services.GetRequiredService<IDashboardConfigProvider>() is DashboardConfigComposer composer)
        {
            await composer.InitializeAsync(cancellationToken);
        }
    }
}
