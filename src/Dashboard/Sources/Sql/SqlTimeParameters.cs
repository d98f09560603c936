using System.Data;
using Dashboard.Sources.Ranges;
using Dashboard.TimeRanges;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Sources.Sql;

/// <summary>The time range's parameters a query uses, typed per database; only those the query names are bound.
/// PostgreSQL: <c>@from</c>, <c>@to</c> are <c>timestamptz</c>, <c>@interval</c> an <c>interval</c>. SQLite, which has no
/// time type: <c>@from</c>, <c>@to</c> are ISO 8601 UTC text (<see cref="TimeWindowText.Iso"/>, e.g.
/// <c>2026-12-05T14:00:00Z</c>, which <c>unixepoch()</c>, <c>datetime()</c> and <c>strftime()</c> read),
/// <c>@interval</c> a number of seconds (INTEGER when whole, REAL otherwise).</summary>
public sealed class SqlTimeParameters
{
    private readonly TimeWindow window;

    private SqlTimeParameters(TimeWindow window, IReadOnlyList<TimePlaceholder> used)
    {
        this.window = window;
        Used = used;
    }

    /// <summary>As written in the query (bound under that spelling), one per spelling.</summary>
    public IReadOnlyList<TimePlaceholder> Used { get; }

    public static SqlTimeParameters For(string query, TimeWindow window) =>
        new(window, [.. TimeRangePlaceholders.InSql(query).DistinctBy(p => p.Text, StringComparer.Ordinal)]);

    public IEnumerable<NpgsqlParameter> ForPostgres() => Used.Select(p => p.Name switch
    {
        TimePlaceholder.Interval => new NpgsqlParameter(p.Text[1..], NpgsqlDbType.Interval) { Value = window.Interval },
        TimePlaceholder.From => new NpgsqlParameter(p.Text[1..], NpgsqlDbType.TimestampTz) { Value = window.From.UtcDateTime },
        _ => new NpgsqlParameter(p.Text[1..], NpgsqlDbType.TimestampTz) { Value = window.To.UtcDateTime },
    });

    public IEnumerable<(string Name, DbType Type, object Value)> ForSqlite() => Used.Select(p => p.Name switch
    {
        TimePlaceholder.Interval => window.Interval.Ticks % TimeSpan.TicksPerSecond == 0
            ? (p.Text[1..], DbType.Int64, (object)(long)window.Interval.TotalSeconds)
            : (p.Text[1..], DbType.Double, window.Interval.TotalSeconds),
        TimePlaceholder.From => (p.Text[1..], DbType.String, TimeWindowText.Iso(window.From)),
        _ => (p.Text[1..], DbType.String, (object)TimeWindowText.Iso(window.To)),
    });
}
