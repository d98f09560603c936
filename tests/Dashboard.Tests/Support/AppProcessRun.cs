using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Dashboard.Tests.Support;

/// <summary>The app as a process (the Dashboard.dll built next to the tests) started with a test's own content root
/// (appsettings.json from the given <c>Dashboard</c> JSON), for what only a process shows: its stderr, stdout and exit
/// code. Runs until it exits or the bound passes (then it is killed by its PID and the run fails).</summary>
public sealed record AppProcessRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<AppProcessRun> RunAsync(string dashboardJson, TimeSpan bound, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("dashboard-process-test-").FullName;
        try
        {
            var settings = new JsonObject
            {
                ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information" } },
                ["Dashboard"] = JsonNode.Parse(dashboardJson),
            };
            await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), settings.ToJsonString(), cancellationToken);
            Directory.CreateDirectory(Path.Combine(root, "wwwroot"));

            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Dashboard.dll"), "--urls", "http://127.0.0.1:0" },
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DASHBOARD_CONTENT_ROOT"] = root;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(bound);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"the app did not exit within {bound.TotalSeconds} s:\n{await stdout}\n{await stderr}");
            }

            return new AppProcessRun(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Whether any output line looks like a .NET stack frame or an unhandled-exception dump.</summary>
    public bool HasStackTrace => ShowsStackTrace(Stdout + "\n" + Stderr);

    /// <summary>Whether any line of a process's output looks like a .NET stack frame or an unhandled-exception dump.</summary>
    public static bool ShowsStackTrace(string output) =>
        output.Split('\n').Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains('(', StringComparison.Ordinal))
        || output.Contains("Unhandled exception", StringComparison.Ordinal);
}
