using System.Runtime.CompilerServices;

namespace Dashboard.Tests.Support;

/// <summary>A test that needs PostgreSQL (<see cref="PostgresTestDatabase"/>): skipped when DASHBOARD_TEST_POSTGRES
/// is not set, except under CI=true, where it runs and fails clearly instead of passing unnoticed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    // The environment is known at discovery, so the skip is static (reported with its reason, never run).
    public PostgresFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Skip = PostgresTestDatabase.SkipReason!;
}
