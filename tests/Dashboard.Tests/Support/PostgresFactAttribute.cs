namespace Dashboard.Tests.Support;

/// <summary>A test that needs PostgreSQL (<see cref="PostgresTestDatabase"/>): skipped when DASHBOARD_TEST_POSTGRES
/// is not set, except under CI=true, where it runs and fails clearly instead of passing unnoticed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    // xunit v2 has no dynamic skip, so the rule is applied when the attribute is created at discovery.
    public PostgresFactAttribute() => Skip = PostgresTestDatabase.SkipReason!;
}
