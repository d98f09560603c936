using Dashboard.Sources.Sql;
using Dashboard.Storage;

namespace Dashboard.Tests.Storage;

public sealed class DatabaseIdentityTests(SqliteTempDirectory directory) : IClassFixture<SqliteTempDirectory>
{
    [Fact]
    public void A_relative_sqlite_path_is_the_file_under_the_content_root()
    {
        var absolute = DatabaseIdentity.Of(SqlProvider.Sqlite, $"Data Source={Path.Combine(directory.Path, "data", "x.db")}", "/elsewhere");
        var relative = DatabaseIdentity.Of(SqlProvider.Sqlite, "Data Source=data/./x.db;Mode=ReadOnly", directory.Path);

        Assert.True(DatabaseIdentity.Same(absolute, relative));
        Assert.False(DatabaseIdentity.Same(relative, DatabaseIdentity.Of(SqlProvider.Sqlite, "Data Source=data/y.db", directory.Path)));
    }

    [Fact]
    public void A_symbolic_link_to_the_file_is_the_same_database()
    {
        var target = Path.Combine(directory.Path, $"{Guid.NewGuid():N}.db");
        File.WriteAllBytes(target, []);
        var link = Path.Combine(directory.Path, $"{Guid.NewGuid():N}-link.db");
        File.CreateSymbolicLink(link, target);

        Assert.True(DatabaseIdentity.Same(
            DatabaseIdentity.Of(SqlProvider.Sqlite, $"Data Source={target}", "/"),
            DatabaseIdentity.Of(SqlProvider.Sqlite, $"Data Source={link}", "/")));
    }

    [Fact]
    public void In_memory_databases_are_never_the_same_as_anything()
    {
        Assert.Null(DatabaseIdentity.Of(SqlProvider.Sqlite, "Data Source=:memory:", directory.Path));
        Assert.Null(DatabaseIdentity.Of(SqlProvider.Sqlite, "Data Source=x;Mode=Memory", directory.Path));
        Assert.False(DatabaseIdentity.Same(null, null));
    }

    [Theory]
    [InlineData("Host=db.example;Database=dash", "Host=DB.example;Port=5432;Database=dash;Username=other", true)]
    [InlineData("Host=127.0.0.1;Database=dash", "Host=localhost;Database=dash", true)]
    [InlineData("Host=db;Username=dash", "Host=db;Database=dash", true)] // the default database is the user's name
    [InlineData("Host=db;Database=dash", "Host=db;Port=5433;Database=dash", false)]
    [InlineData("Host=db;Database=dash", "Host=db;Database=reports", false)]
    public void Postgres_is_the_same_database_by_host_port_and_name(string storage, string connection, bool same) =>
        Assert.Equal(same, DatabaseIdentity.Same(
            DatabaseIdentity.Of(SqlProvider.Postgres, storage, "/"),
            DatabaseIdentity.Of(SqlProvider.Postgres, connection, "/")));
}
