using System.Diagnostics;
using System.Net.Sockets;
using Dashboard.Tests.Browser;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Cluster;

/// <summary>Debian's nginx in front of app instances on loopback, running <c>deploy/nginx/dashboard.conf.template</c>
/// (the configuration compose.yaml uses) with the placeholders filled in, under a main configuration of its own: a
/// temporary prefix for its pid, logs and temp files, in the foreground, so that it is one process ended by its PID.</summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string TemplatePath = "deploy/nginx/dashboard.conf.template";

    private static readonly string[] Candidates = ["/usr/sbin/nginx", "/usr/bin/nginx"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly string prefix;

    private NginxProxy(Process process, string prefix, Uri address)
    {
        this.process = process;
        this.prefix = prefix;
        Address = address;
    }

    public Uri Address { get; }

    public static string? Executable => Candidates.FirstOrDefault(File.Exists);

    /// <param name="instances">One or three instance addresses; one is put in all three upstream slots.</param>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> instances)
    {
        var nginx = Executable ?? throw new InvalidOperationException("nginx is not installed (apt-get install nginx; scripts/ensure-test-services.sh does it as root)");
        if (instances.Count is not (1 or 3))
        {
            throw new ArgumentException("one or three instances", nameof(instances));
        }

        var prefix = Directory.CreateTempSubdirectory("dashboard-nginx-").FullName;
        var port = PublishedApp.FreePort();
        var site = (await File.ReadAllTextAsync(RepositoryFiles.PathOf(TemplatePath)))
            .Replace("${DASHBOARD_PROXY_LISTEN}", $"127.0.0.1:{port}", StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            var instance = instances[instances.Count == 1 ? 0 : i];
            site = site.Replace($"${{DASHBOARD_APP{i + 1}}}", $"{instance.Host}:{instance.Port}", StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(Path.Combine(prefix, "dashboard.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), MainConfig(prefix));

        var start = new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "error.log") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var proxy = new NginxProxy(process, prefix, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await proxy.WaitUntilListeningAsync(port);
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    /// <summary>nginx's error log so far, for failure messages.</summary>
    public string ErrorLog => File.Exists(Path.Combine(prefix, "error.log")) ? File.ReadAllText(Path.Combine(prefix, "error.log")) : "";

    // Everything nginx writes stays under the prefix; one worker is plenty for a test. As root the workers would run as
    // nobody, who may not write this temporary folder.
    private static string MainConfig(string prefix) => $$"""
        {{(Environment.UserName == "root" ? "user root;" : "")}}
        daemon off;
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/error.log warn;
        events { worker_connections 4096; }
        http {
            access_log off;
            client_body_temp_path {{prefix}}/client_body;
            proxy_temp_path {{prefix}}/proxy;
            fastcgi_temp_path {{prefix}}/fastcgi;
            uwsgi_temp_path {{prefix}}/uwsgi;
            scgi_temp_path {{prefix}}/scgi;
            include {{prefix}}/dashboard.conf;
        }
        """;

    private async Task WaitUntilListeningAsync(int port)
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {process.ExitCode}:\n{await process.StandardError.ReadToEndAsync()}\n{ErrorLog}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nginx did not listen on {port} within {StartTimeout.TotalSeconds} s:\n{ErrorLog}");
            }
        }
    }

    public ValueTask DisposeAsync() => new(ChildProcesses.EndAsync(process, prefix, TimeSpan.FromSeconds(10)));
}
