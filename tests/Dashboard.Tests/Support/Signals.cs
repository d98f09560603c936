using System.Runtime.InteropServices;

namespace Dashboard.Tests.Support;

/// <summary>POSIX signals to processes the tests started (by their PID): .NET can only SIGKILL one.</summary>
internal static class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the whole test project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
