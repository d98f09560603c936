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

    private const int MaxLines = 100_000;

    private readonly string folder;
    private readonly string root;
    private readonly string? environment;
    private readonly List<string> output = [];
    private Process process = default!;

    private PublishedApp(string folder, string root, string? environment, Uri address)
    {
        this.folder = folder;
        this.root = root;
        this.environment = environment;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The content root: appsettings.json, the wwwroot link, the SQLite files and the <c>provisioning/</c> folder.</summary>
    public string Root => root;

    /// <summary>Whether the running app process has ended (on its own, unless <see cref="RestartAsync"/> is running).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The app's last lines of output, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output.TakeLast(200));
            }
        }
    }

    /// <summary>Every line of output so far, of every process started on this content root.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (output)
            {
                return [.. output];
            }
        }
    }

    /// <param name="dashboardJson">The <c>Dashboard</c> section as JSON; Storage is added when absent.</param>
    /// <param name="environment">The host environment; null for the default (Production), as <c>dotnet run</c> of a
    /// published app. The admin area needs "Development" here: elsewhere its cookies are Secure and need HTTPS.</param>
    /// <param name="logging">The <c>Logging</c> section; null: Warning and above only.</param>
    /// <param name="buildOutput">Run src/Dashboard's build output instead, with the repository's wwwroot, as
    /// <c>dotnet run</c> does (Blazor's script then comes from the package cache through the build's manifest).</param>
    /// <param name="port">The loopback port to listen on (e.g. to restart an instance where a proxy expects it); null: a free one.</param>
    public static async Task<PublishedApp> StartAsync(
        string dashboardJson, string? environment = null, JsonNode? logging = null, bool buildOutput = false, int? port = null)
    {
        var folder = buildOutput ? BuildOutputFolder() : await PublishedFolderAsync();
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
            ["Logging"] = logging?.DeepClone() ?? new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
            ["Dashboard"] = dashboard,
        };
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), settings.ToJsonString());
        File.CreateSymbolicLink(Path.Combine(root, "wwwroot"), buildOutput ? RepositoryFiles.PathOf("wwwroot") : Path.Combine(folder, "wwwroot"));

        var app = new PublishedApp(folder, root, environment, new Uri($"http://127.0.0.1:{port ?? FreePort()}/"));
        try
        {
            await app.StartProcessAsync(new Dictionary<string, string>());
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Stops the app as Ctrl+C does, checks that it ended cleanly, and starts it again on the same content root
    /// and address with these environment variables added (as a person does after exporting them).</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string> variables)
    {
        Assert.False(process.HasExited, $"The app exited before it was asked to:\n{Output}");
        Assert.Equal(0, kill(process.Id, SigInt));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Say what the app was doing when it did not stop, then end it (the test started it, by its PID).
                process.Kill(entireProcessTree: true);
                Assert.Fail($"The app did not exit within 30 s of Ctrl+C:\n{Output}");
            }
        }

        Assert.True(process.ExitCode == 0, $"The app ended with code {process.ExitCode} on Ctrl+C:\n{Output}");
        process.Dispose();
        await StartProcessAsync(variables);
    }

    /// <summary>Runs <c>dotnet Dashboard.dll</c> with these arguments on this content root (e.g. <c>hash-password</c>),
    /// with <paramref name="input"/> as standard input and these environment variables added; bounded by 60 s.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(string input, string[] arguments, IReadOnlyDictionary<string, string>? variables = null)
    {
        var start = StartInfo(arguments, variables ?? new Dictionary<string, string>());
        start.RedirectStandardInput = true;
        using var command = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = command.StandardOutput.ReadToEndAsync();
        var stderr = command.StandardError.ReadToEndAsync();
        await command.StandardInput.WriteAsync(input);
        command.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await command.WaitForExitAsync(timeout.Token);
        return (command.ExitCode, await stdout, await stderr);
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> variables)
    {
        // Through env(1) with SIGINT back to its default: a test run started in the background (`cmd &` in a script, as CI
        // may) has SIGINT ignored, every child inherits that, and .NET then leaves an ignored SIGINT alone, so Ctrl+C
        // (RestartAsync) would never reach the app. A person's terminal gives the app the default, as this does; env
        // execs dotnet, so the process id stays the app's.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(folder, "Dashboard.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DASHBOARD_CONTENT_ROOT"] = root;
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        if (environment is not null)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private async Task StartProcessAsync(IReadOnlyDictionary<string, string> variables)
    {
        process = Process.Start(StartInfo(["--urls", Address.ToString().TrimEnd('/')], variables)) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    private const int SigInt = 2;
    private const int SigTerm = 15;

    /// <summary>The app's process id (the <c>dotnet</c> host runs the app in its own process).</summary>
    public int ProcessId => process.Id;

    /// <summary>Sends SIGTERM, as an orchestrator stopping the instance does, and waits (bounded) until it exited;
    /// returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan bound)
    {
        Assert.Equal(0, kill(process.Id, SigTerm));
        using var timeout = new CancellationTokenSource(bound);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to clean up (<c>kill -9</c>).</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Count < MaxLines)
            {
                output.Add(line);
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/Dashboard's build output in the configuration these tests were built in (the test project references
    /// it, so it is built).</summary>
    private static string BuildOutputFolder()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var folder = RepositoryFiles.PathOf(Path.Combine("src", "Dashboard", "bin", configuration, "net10.0"));
        return File.Exists(Path.Combine(folder, "Dashboard.dll")) ? folder : throw new InvalidOperationException($"No build output at {folder}: build Dashboard.sln -c {configuration}.");
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

    public ValueTask DisposeAsync() => new(ChildProcesses.EndAsync(process, root, TimeSpan.FromSeconds(30)));
}
