using System.Net;
using System.Threading.RateLimiting;
using Dashboard.Configuration;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Registers and wires the admin area: cookie sign-in, its policy, the per-client sign-in rate limit,
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
            .Validate(o => o.SignInPermitLimit > 0 && o.SignInWindow > TimeSpan.Zero, "Dashboard:Admin:SignInPermitLimit and SignInWindow must be greater than 0")
            .ValidateOnStart();
        services.AddSingleton<AdminCredentials>();
        services.AddSingleton<AdminSourceRules>();
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
            if (certificates.Current is { } certificate)
            {
                o.XmlEncryptor = new CertificateXmlEncryptor(certificate, loggers);
            }
        });
        services.Add(ServiceDescriptor.Singleton(KeyRingCertificates.DecryptionSetupType, sp => sp.GetRequiredService<KeyRingCertificates>().DecryptionSetup));
        services.AddSingleton<DataProtectionKeySync>();
        services.AddHostedService(sp => sp.GetRequiredService<DataProtectionKeySync>());

        services.AddAuthentication(AdminAuthentication.Scheme)
            .AddCookie(AdminAuthentication.Scheme, options =>
            {
                options.Cookie.Name = ".Dashboard.Admin";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.LoginPath = AdminAuthentication.SignInPath;
                options.AccessDeniedPath = AdminAuthentication.SignInPath;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuthentication.Policy, policy => policy
                .AddAuthenticationSchemes(AdminAuthentication.Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(AdminAuthentication.RoleClaim, "true"));
        services.AddCascadingAuthenticationState();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)
                    || !context.Request.Path.Equals(AdminAuthentication.SignInPath, StringComparison.OrdinalIgnoreCase))
                {
                    return RateLimitPartition.GetNoLimiter("none");
                }

                var admin = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
                var client = context.Connection.RemoteIpAddress ?? IPAddress.None;
                return RateLimitPartition.GetFixedWindowLimiter(client.ToString(), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = admin.SignInPermitLimit,
                    Window = admin.SignInWindow,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many sign-in attempts</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/dashboard.css\"></head><body><main id=\"main\"><h1>Too many sign-in attempts</h1><p role=\"alert\">"
                    + AdminAuthentication.TooManyAttemptsMessage
                    + "</p><p><a href=\"/admin/sign-in\">Back to sign-in</a></p></main></body></html>",
                    cancellationToken);
            };
        });
        return services;
    }

    /// <summary>Authentication, authorization and the sign-in rate limit; before antiforgery.</summary>
    public static WebApplication UseDashboardAdmin(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        // The import upload is size-limited at the request too, not only after the form was read.
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/admin/import", StringComparison.OrdinalIgnoreCase))
            {
                const long limit = ConfigTransfer.MaxImportBytes + (64 * 1024);
                if (context.Request.ContentLength > limit)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return context.Response.WriteAsync($"The upload is larger than {ConfigTransfer.MaxImportBytes / 1024} KiB.", context.RequestAborted);
                }

                if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = limit;
                }
            }

            return next(context);
        });

        // A download, so a plain endpoint rather than a page; a GET that changes nothing.
        app.MapGet("/admin/export", async (ConfigTransfer transfer, TimeProvider time, HttpContext context) =>
        {
            var json = await transfer.ExportAsync(context.RequestAborted);
            var name = $"dashboard-config-{time.GetUtcNow():yyyyMMdd-HHmmss}.json";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", name);
        }).RequireAuthorization(AdminAuthentication.Policy);
        return app;
    }

    /// <summary>Start-up (after storage migrations): the shared key ring, then the stored configuration (seeded or loaded).</summary>
    public static async Task PrepareDashboardAdminAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<KeyRingCertificates>().Current is null)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRingProtectionOptions)).LogWarning(
                "The Data Protection keys (admin cookies, form tokens) are stored unencrypted in the database: whoever can read it "
                + "can forge an admin sign-in. Set {Section}:CertificatePath (docs/ops.md).",
                KeyRingProtectionOptions.Section);
        }

        await services.GetRequiredService<DataProtectionKeySync>().PrepareAsync(cancellationToken);
        if (services.GetRequiredService<IDashboardConfigProvider>() is StoredDashboardConfigProvider stored)
        {
            await stored.InitializeAsync(cancellationToken);
        }
    }
}
