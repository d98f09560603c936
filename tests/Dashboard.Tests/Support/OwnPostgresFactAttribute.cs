using System.Runtime.CompilerServices;

namespace Dashboard.Tests.Support;

/// <summary>A test that needs a PostgreSQL cluster of its own (<see cref="OwnPostgresCluster"/>): skipped with the reason
/// when the server binaries are missing, except under CI=true.</summary>
public sealed class OwnPostgresFactAttribute : FactAttribute
{
    public OwnPostgresFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Skip = OwnPostgresCluster.SkipReason!;
}
