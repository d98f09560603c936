using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Browser;

/// <summary>The app as deployed: the <c>dotnet publish</c> output, started as a child process on 127.0.0.1 with a free
/// port, its own content root (the test's appsettings.json, the published wwwroot) and its own SQLite file; ended by
/// its PID. Browser tests use it because only a published folder carries Blazor's script (a build output serves it
/// from the package cache, through a manifest the tests' host does not read).</summary>
public sealed class PublishedApp : IAsyncDisposable
{
    /// <summary>Set by scripts/test.sh to the folder it published src/Dashboard to.</summary>
    public const string FolderVariable = "DASHBOARD_PUBLISHED_APP";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly SemaphoreSlim PublishGate = new(1, 1);
    private static string? selfPublished;

    private readonly Process process;
    private readonly string root;
    private readonly Queue<string> output = new();

    private PublishedApp(Process process, string root, Uri address)
    {
        this.process = process;
        this.root = root;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The app's last lines of output, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <param name="dashboardJson">The <c>Dashboard</c> section as JSON; Storage is added when absent.</param>
    /// <param name="environment">The host environment; null for the default (Production), as <c>dotnet run</c> of a
    /// published app. The admin area needs "Development" here: elsewhere its cookies are Secure and need HTTPS.</param>
    public static async Task<PublishedApp> StartAsync(string dashboardJson, string? environment = null)
    {
        var folder = await PublishedFolderAsync();
        var root = Directory.CreateTempSubdirectory("dashboard-published-test-").FullName;
        var dashboard = JsonNode.Parse(dashboardJson)!.AsObject();
        // The tests' fake upstreams listen on loopback, which production refuses unless allowed.
        var admin = dashboard["Admin"] as JsonObject ?? new JsonObject();
        dashboard["Admin"] = admin;
        admin["AllowPrivateTargets"] ??= true;
        // The tests read /metrics from 127.0.0.1 (it is served to no one by default).
        dashboard["Metrics"] ??= new JsonObject { ["AllowedNetworks"] = new JsonArray("127.0.0.1") };
        dashboard["Storage"] ??= new JsonObject { ["Provider"] = "sqlite", ["ConnectionString"] = $"Data Source={Path.Combine(root, "dashboard.db")}" };
        var settings = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
            ["Dashboard"] = dashboard,
        };
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), settings.ToJsonString());
        File.CreateSymbolicLink(Path.Combine(root, "wwwroot"), Path.Combine(folder, "wwwroot"));

        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(folder, "Dashboard.dll"), "--urls", address.ToString().TrimEnd('/') },
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DASHBOARD_CONTENT_ROOT"] = root;
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        if (environment is not null)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var app = new PublishedApp(process, root, address);
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > 200)
            {
                output.Dequeue();
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(StartTimeout);
        var last = "no answer";
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The published app exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/readyz"), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The published app was not ready within {StartTimeout.TotalSeconds} s ({last}):\n{Output}");
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The published app was not ready within {StartTimeout.TotalSeconds} s ({last}):\n{Output}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>scripts/test.sh's folder, or (outside CI) one published once per test run.</summary>
    private static async Task<string> PublishedFolderAsync()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "Dashboard.dll"))
                ? configured
                : throw new InvalidOperationException($"{FolderVariable}={configured} holds no Dashboard.dll: publish src/Dashboard there (scripts/test.sh does).");
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"CI=true and {FolderVariable} is not set: the browser tests run against `dotnet publish src/Dashboard` output; scripts/test.sh publishes it and sets the variable.");
        }

        await PublishGate.WaitAsync();
        try
        {
            return selfPublished ??= await PublishAsync();
        }
        finally
        {
            PublishGate.Release();
        }
    }

    private static async Task<string> PublishAsync()
    {
        var repository = RepositoryFiles.RootOrNull
            ?? throw new InvalidOperationException($"Dashboard.sln not found above {AppContext.BaseDirectory}: set {FolderVariable} to a published folder.");

        var folder = Path.Combine(Path.GetTempPath(), $"dashboard-published-{Environment.ProcessId}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", Path.Combine(repository, "src", "Dashboard"), "-c", "Release", "-o", folder, "-nologo", "-v", "quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await publish.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish src/Dashboard took more than 5 minutes");
        }

        return publish.ExitCode == 0
            ? folder
            : throw new InvalidOperationException($"dotnet publish src/Dashboard failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        process.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the OS temp cleaner will take it.
        }
    }
}
