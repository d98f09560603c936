if (args is [Dashboard.Admin.PasswordHashCommand.Name, ..])
{
    return Dashboard.Admin.PasswordHashCommand.Run(args);
}

return await Dashboard.Startup.DashboardHost.RunAsync(args);

/// <summary>Entry point; public for WebApplicationFactory in tests.</summary>
public partial class Program;
