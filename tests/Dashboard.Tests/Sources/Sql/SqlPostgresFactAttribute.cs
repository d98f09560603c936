namespace Dashboard.Tests.Sources.Sql;

/// <summary>A fact that needs PostgreSQL. Skipped when <c>DASHBOARD_TEST_POSTGRES</c> is unset, except under
/// <c>CI=true</c>, where it runs and fails clearly: CI must not silently skip the database tests.
/// (xunit v2 has no dynamic skip, hence a constructor that sets <see cref="FactAttribute.Skip"/>.)</summary>
public sealed class SqlPostgresFactAttribute : FactAttribute
{
    public const string Variable = "DASHBOARD_TEST_POSTGRES";

    public SqlPostgresFactAttribute()
    {
        if (ConnectionString is null && !IsCi)
        {
            Skip = $"PostgreSQL not configured: set {Variable} to a connection string, e.g. "
                + "Host=127.0.0.1;Port=5432;Username=dashboard;Password=dashboard;Database=dashboard_test";
        }
    }

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
