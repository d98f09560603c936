using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace Dashboard.Tests.Support;

/// <summary>A PostgreSQL cluster of the test's own (initdb in a temporary folder, a free port on 127.0.0.1, its socket in
/// that folder, trust authentication), for tests that must freeze or stop the server: never the shared one other tests
/// use. Run as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses root), else as the current user.
/// Started and stopped by its PID. Use as a class fixture with <see cref="OwnPostgresFactAttribute"/>.</summary>
public sealed class OwnPostgresCluster : IAsyncLifetime
{
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    private string? folder;
    private Process? postmaster;

    /// <summary>Why such tests cannot run here, or null. Never skipped under CI=true (they fail instead).</summary>
    public static string? SkipReason =>
        Binary("postgres") is not null || IsCi ? null
        : "PostgreSQL server binaries (/usr/lib/postgresql/*/bin) not found: install the postgresql package to run the frozen-database tests";

    public int Port { get; private set; }

    /// <summary>The folder holding the server's Unix socket (a Host value naming it connects over the socket).</summary>
    public string SocketFolder => folder ?? throw new InvalidOperationException("not started");

    public int ProcessId => postmaster?.Id ?? throw new InvalidOperationException("not started");

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsRoot => Environment.UserName == "root";

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=dashboard;Database={database};Timeout=5";

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        var initdb = Binary("initdb") ?? throw new InvalidOperationException("CI=true but PostgreSQL's initdb was not found under /usr/lib/postgresql");
        folder = Directory.CreateTempSubdirectory("dashboard-own-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder]);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync(initdb, ["-D", data, "-U", "dashboard", "--auth=trust", "--no-sync", "-E", "UTF8"], asPostgres: true);
        Port = FreePort();
        postmaster = Process.Start(Start(Binary("postgres")!, [
            "-D", data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", folder,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "shared_buffers=16MB", "-c", "max_connections=40",
        ], asPostgres: true)) ?? throw new InvalidOperationException("postgres did not start");
        postmaster.BeginOutputReadLine();
        postmaster.BeginErrorReadLine();
        await WaitUntilAnswersAsync();
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"d_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>SIGSTOP to the postmaster and every process it started: connections are accepted by the kernel and
    /// then nothing answers, like a frozen or hung database host.</summary>
    public void Freeze() => SignalAll(SigStop);

    public void Thaw() => SignalAll(SigCont);

    public async ValueTask DisposeAsync()
    {
        if (postmaster is not null)
        {
            SignalAll(SigCont);
            _ = Kill(postmaster.Id, SigTerm); // Smart shutdown: waits for clients; then fast by kill.
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await postmaster.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                postmaster.Kill(entireProcessTree: true);
            }

            postmaster.Dispose();
        }

        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void SignalAll(int signal)
    {
        var root = ProcessId;
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            var children = $"/proc/{tree[i]}/task/{tree[i]}/children";
            if (File.Exists(children))
            {
                tree.AddRange(File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
        }

        // The postmaster first on stop (no new children), last on continue.
        foreach (var pid in signal == SigCont ? Enumerable.Reverse(tree) : tree)
        {
            _ = Kill(pid, signal);
        }
    }

    private async Task WaitUntilAnswersAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
                await connection.OpenAsync(bound.Token);
                return;
            }
            catch (NpgsqlException) when (!bound.IsCancellationRequested && !postmaster!.HasExited)
            {
                await Task.Delay(100, bound.Token);
            }
        }
    }

    private static ProcessStartInfo Start(string file, IEnumerable<string> arguments, bool asPostgres)
    {
        var start = asPostgres && IsRoot
            ? new ProcessStartInfo("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        start.UseShellExecute = false;
        start.WorkingDirectory = Path.GetTempPath(); // Readable by the postgres user.
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments, bool asPostgres = false)
    {
        using var process = Process.Start(Start(file, arguments, asPostgres)) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }

    private static string? Binary(string name) =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", name)).Where(File.Exists).OrderDescending().FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
