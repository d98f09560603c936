using System.Runtime.CompilerServices;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Cluster;

/// <summary>A test of several published instances behind nginx on PostgreSQL: skipped when PostgreSQL is not configured
/// or nginx is not installed, except under CI=true, where it runs and fails clearly instead of passing unnoticed.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public const string NginxMissing = "nginx not installed: apt-get install nginx (scripts/ensure-test-services.sh does it as root) to run the scale-out tests";

    public ClusterFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) =>
        Skip = PostgresTestDatabase.SkipReason
            ?? (NginxProxy.Executable is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? NginxMissing : null)!;
}
