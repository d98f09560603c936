using System.Runtime.CompilerServices;

namespace Dashboard.Tests.Support;

/// <summary>The <see cref="PostgresFactAttribute"/> skip rule for theories.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Skip = PostgresTestDatabase.SkipReason!;
}
