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

// Blazor's browser script (_framework/blazor.web.js) is a static web asset of a NuGet package. A published folder
// carries it under wwwroot/; a build output only has a manifest pointing into the package cache, which the host reads
// by itself in Development alone. Read it in every environment, so `dotnet run` serves the script too (no-op when
// published: there is no such manifest there).
builder.WebHost.UseStaticWebAssets();
builder.Services.AddDashboard(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.Services.PrepareDashboardAsync(app.Lifetime.ApplicationStopping);

app.UseDashboard();
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory in tests.</summary>
public partial class Program;
