namespace Dashboard.Tests.Support;

/// <summary>The <see cref="PostgresFactAttribute"/> skip rule for theories.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PostgresTestDatabase.SkipReason!;
}
