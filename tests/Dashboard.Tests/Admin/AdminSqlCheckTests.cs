using Dashboard.Admin;

namespace Dashboard.Tests.Admin;

/// <summary>The admin keyword check is only a friendly first message (the database enforces read-only), but it should
/// not be fooled by text the databases read differently from it.</summary>
public sealed class AdminSqlCheckTests
{
    [Theory]
    [InlineData("SELECT 1 AS [a']; DELETE FROM t; SELECT 2 AS [b']")] // SQLite: [a'] is an identifier, not a string
    [InlineData("SELECT 1 AS `a'`; DELETE FROM t; SELECT 2 AS `b'`")] // SQLite: `a'` too
    [InlineData("SELECT E'\\''; DELETE FROM t; --'")] // PostgreSQL: \' escapes the quote in an E'' string
    [InlineData("/* /* */ SELECT ' */ SET TRANSACTION READ WRITE; DELETE FROM t; COMMIT; SELECT '1'")] // PostgreSQL nests comments
    public void Text_that_hides_a_second_statement_from_the_old_check_is_refused(string sql) =>
        Assert.NotNull(AdminSourceRules.CheckSql(sql));

    [Theory]
    [InlineData("SELECT name FROM [my table] WHERE note = 'it''s'")]
    [InlineData("SELECT tags[1], E'it''s' FROM t")]
    [InlineData("SELECT 1 /* a comment; DELETE */ FROM t")]
    public void Quoting_the_databases_agree_on_is_still_accepted(string sql) => Assert.Null(AdminSourceRules.CheckSql(sql));
}
