using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Bench;

/// <summary>The fault run's app configuration: as in the measurement, SQLite storage and a source with
/// RenderDeadline 1 s, FetchTimeout 5 s and MaxAge 5 s (the engine's default back-off), on a dashboard with one
/// healthy panel beside it; <c>/metrics</c> on a management address for the fetch counts.</summary>
public static class FaultConfig
{
    public const string Title = "Fault dashboard";
    public const string FlakySource = "flaky";

    public static int Write(Args options)
    {
        var outDir = System.IO.Path.GetFullPath(options.Required("out"));
        var value = options.Required("value-url");
        var healthy = options.Required("healthy-url");
        var management = options.Required("management-url");
        var wwwroot = options.Optional("wwwroot", "");
        Directory.CreateDirectory(outDir);

        static JsonObject Source(string url) => new()
        {
            ["Kind"] = "http",
            ["Http"] = new JsonObject { ["Url"] = url, ["Path"] = "value" },
            ["RenderDeadline"] = "00:00:01",
            ["FetchTimeout"] = "00:00:05",
            ["MaxAge"] = "00:00:05",
        };

        var healthySource = Source(healthy);
        ((JsonObject)healthySource["Http"]!)["Path"] = "data.value";
        var config = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
            ["Dashboard"] = new JsonObject
            {
                ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["ConnectionString"] = "Data Source=fault.db" },
                ["Admin"] = new JsonObject { ["AllowPrivateTargets"] = true },
                ["Demo"] = new JsonObject { ["Enabled"] = false },
                ["Metrics"] = new JsonObject { ["ManagementUrl"] = management },
                ["Sources"] = new JsonObject { [FlakySource] = Source(value), ["healthy"] = healthySource },
                ["Dashboards"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["Slug"] = "fault",
                        ["Title"] = Title,
                        ["Panels"] = new JsonArray
                        {
                            new JsonObject { ["Id"] = FlakySource, ["Type"] = "stat", ["Title"] = "Flaky API", ["Source"] = FlakySource },
                            new JsonObject { ["Id"] = "healthy", ["Type"] = "stat", ["Title"] = "Healthy API", ["Source"] = "healthy" },
                        },
                    },
                },
            },
        };
        File.WriteAllText(System.IO.Path.Combine(outDir, "appsettings.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var link = System.IO.Path.Combine(outDir, "wwwroot");
        if (wwwroot.Length > 0 && !Directory.Exists(link))
        {
            Directory.CreateSymbolicLink(link, System.IO.Path.GetFullPath(wwwroot));
        }

        return 0;
    }
}
