using System.Diagnostics;

namespace Dashboard.Tests.Support;

/// <summary>Ends a process a test started, by its PID (never by name: other runs use the same binaries), and removes
/// the temporary folder it worked in.</summary>
public static class ChildProcesses
{
    public static async Task EndAsync(Process process, string folder, TimeSpan bound)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using (var timeout = new CancellationTokenSource(bound))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the OS temp cleaner will take it.
        }
    }
}
