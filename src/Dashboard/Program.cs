using Dashboard.Configuration;
using Dashboard.Demo;
using Dashboard.Hosting;

if (args is [Dashboard.Admin.PasswordHashCommand.Name, ..])
{
    Environment.ExitCode = Dashboard.Admin.PasswordHashCommand.Run(args);
    return;
}

// The repository root (or the published folder) holds the appsettings.json and wwwroot/ in use.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRootLocator.Find(),
});

builder.Services.AddDashboard(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.Services.PrepareDashboardAsync(app.Lifetime.ApplicationStopping);

app.UseDashboard();
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory in tests.</summary>
public partial class Program;
