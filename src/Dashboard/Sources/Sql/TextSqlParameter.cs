using System.Data;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Sources.Sql;

/// <summary>A configured parameter value (always text). On PostgreSQL it is sent untyped, like a quoted
/// literal, so the server infers the type from context (<c>id = @id</c>, <c>LIMIT @n</c> work without casts);
/// where context says nothing (<c>SELECT @x</c>) it is text. SQLite binds it as TEXT and applies column affinity.</summary>
internal sealed class TextSqlParameter(string value) : SqlMapper.ICustomQueryParameter
{
    public void AddParameter(IDbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        if (parameter is NpgsqlParameter npgsql)
        {
            npgsql.NpgsqlDbType = NpgsqlDbType.Unknown;
        }
        else
        {
            parameter.DbType = DbType.String;
        }

        command.Parameters.Add(parameter);
    }
}
