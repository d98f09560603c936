using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Bench;

/// <summary>Writes the app's content root for a run: the bench's own appsettings.json (one dashboard of six
/// panels, nothing from the repository's demo configuration) and a link to the repository's wwwroot/.
/// The app is pointed at it with DASHBOARD_CONTENT_ROOT.</summary>
public static class AppConfig
{
    public const string DashboardSlug = "bench";
    public const string DashboardTitle = "Bench dashboard";

    public static int Write(Args options)
    {
        var outDir = Path.GetFullPath(options.Required("out"));
        var upstream = options.Required("upstream").TrimEnd('/');
        var connection = options.Required("connection");
        var storage = options.Required("storage-connection");
        var maxAge = TimeSpan.FromSeconds(options.Double("max-age", 0));
        var wwwroot = options.Optional("wwwroot", "");
        var ranged = options.Optional("ranged", "false") == "true";

        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "appsettings.json"), Build(upstream, connection, storage, maxAge, ranged).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var link = Path.Combine(outDir, "wwwroot");
        if (wwwroot.Length > 0 && !Directory.Exists(link))
        {
            Directory.CreateSymbolicLink(link, Path.GetFullPath(wwwroot));
        }

        return 0;
    }

    /// <param name="storageConnectionString">A database of its own: the app refuses SQL sources on its storage database.</param>
    /// <param name="ranged">Every source follows the dashboard's time range (HTTP: <c>from</c>/<c>to</c>/<c>step</c> query
    /// placeholders; SQL: <c>@from</c>/<c>@to</c>), so each range viewers look at is its own cache entry (BENCH_RANGE).</param>
    public static JsonObject Build(string upstream, string connectionString, string storageConnectionString, TimeSpan maxAge, bool ranged = false)
    {
        var age = maxAge.ToString("c", CultureInfo.InvariantCulture);
        var sources = new JsonObject();
        var panels = new JsonArray();
        foreach (var (name, latencyMs) in FakeUpstream.Endpoints)
        {
            sources[name] = new JsonObject
            {
                ["Kind"] = "http",
                ["Http"] = ranged
                    ? new JsonObject { ["Url"] = $"{upstream}/{name}", ["Path"] = "data.value", ["Query"] = new JsonObject { ["from"] = "{from:ms}", ["to"] = "{to:ms}", ["step"] = "{interval:s}" } }
                    : new JsonObject { ["Url"] = $"{upstream}/{name}", ["Path"] = "data.value" },
                ["RenderDeadline"] = "00:00:01",
                ["FetchTimeout"] = "00:00:05",
                ["MaxAge"] = age,
            };
            panels.Add(new JsonObject
            {
                ["Id"] = name,
                ["Type"] = "stat",
                ["Title"] = $"API {latencyMs.ToString(CultureInfo.InvariantCulture)} ms",
                ["Source"] = name,
                ["Format"] = "N0",
            });
        }

        sources["events-24h"] = new JsonObject
        {
            ["Kind"] = "sql",
            ["Sql"] = new JsonObject
            {
                ["Connection"] = "bench",
                ["Query"] = ranged
                    ? "SELECT count(*) FROM events WHERE occurred_at >= @from AND occurred_at < @to"
                    : "SELECT count(*) FROM events WHERE occurred_at >= now() - interval '1 day'",
            },
            ["RenderDeadline"] = "00:00:01",
            ["FetchTimeout"] = "00:00:05",
            ["MaxAge"] = age,
        };
        sources["amount-by-kind-7d"] = new JsonObject
        {
            ["Kind"] = "sql",
            ["Shape"] = "Series",
            ["Sql"] = new JsonObject
            {
                ["Connection"] = "bench",
                ["Query"] = ranged
                    ? "SELECT kind, sum(amount) FROM events WHERE occurred_at >= @from AND occurred_at < @to GROUP BY kind ORDER BY 2 DESC"
                    : "SELECT kind, sum(amount) FROM events WHERE occurred_at >= now() - interval '7 days' GROUP BY kind ORDER BY 2 DESC",
            },
            ["RenderDeadline"] = "00:00:01",
            ["FetchTimeout"] = "00:00:05",
            ["MaxAge"] = age,
        };
        panels.Add(new JsonObject { ["Id"] = "events-24h", ["Type"] = "stat", ["Title"] = "Events, last day (SQL)", ["Source"] = "events-24h", ["Format"] = "N0" });
        panels.Add(new JsonObject { ["Id"] = "amount-by-kind-7d", ["Type"] = "list", ["Title"] = "Amount by kind, 7 days (SQL)", ["Source"] = "amount-by-kind-7d", ["Width"] = 2 });

        return new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
            ["AllowedHosts"] = "*",
            ["Dashboard"] = new JsonObject
            {
                ["Storage"] = new JsonObject { ["Provider"] = "postgres", ["ConnectionString"] = storageConnectionString },
                // The fake upstream listens on loopback, which production refuses unless allowed.
                ["Admin"] = new JsonObject { ["AllowPrivateTargets"] = true },
                ["Connections"] = new JsonObject
                {
                    ["bench"] = new JsonObject { ["Provider"] = "postgres", ["ConnectionString"] = connectionString },
                },
                ["Demo"] = new JsonObject { ["Enabled"] = false },
                // The live bench counts streams from /metrics, which production serves to listed networks only.
                ["Metrics"] = new JsonObject { ["AllowedNetworks"] = new JsonArray { "127.0.0.1", "::1" } },
                // Every bench viewer comes from one address (the load generator, or the proxy): lift the per-client cap.
                ["Live"] = new JsonObject { ["MaxPerClient"] = 5000 },
                ["DefaultDashboard"] = DashboardSlug,
                ["Sources"] = sources,
                ["Dashboards"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["Slug"] = DashboardSlug,
                        ["Title"] = DashboardTitle,
                        ["Columns"] = 4,
                        ["Panels"] = panels,
                    },
                },
            },
        };
    }
}
