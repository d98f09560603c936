namespace Dashboard.Sources.Sql;

/// <summary>The database kinds a connection may name (<c>sqlite</c>, <c>postgres</c> or <c>postgresql</c>).</summary>
public enum SqlProvider
{
    Sqlite,
    Postgres,
}
