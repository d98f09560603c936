namespace Dashboard.Demo;

/// <summary>SQLite queries over <c>demo_events</c> for the demo panels (appsettings.json holds the same text). Most use
/// SQLite's own clock (<c>strftime('%s','now')</c>); <see cref="OrdersPerHour"/> follows the dashboard's time range.</summary>
public static class DemoQueries
{
    /// <summary>Scalar: orders in the last 24 hours.</summary>
    public const string OrdersLast24Hours = """
        SELECT COUNT(*) FROM demo_events
        WHERE kind = 'order'
          AND occurred_at_ms >= CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 86400000
        """;

    /// <summary>Series (label, value): net revenue by kind over the last 7 days; refunds are negative.</summary>
    public const string RevenueByKindLast7Days = """
        SELECT kind, ROUND(SUM(amount), 2) AS revenue FROM demo_events
        WHERE amount <> 0
          AND occurred_at_ms >= CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 7 * 86400000
        GROUP BY kind
        ORDER BY revenue DESC
        """;

    /// <summary>Table: the latest 10 orders.</summary>
    public const string LatestOrders = """
        SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', occurred_at_ms / 1000, 'unixepoch') AS occurred_at, amount
        FROM demo_events
        WHERE kind = 'order'
        ORDER BY occurred_at_ms DESC
        LIMIT 10
        """;

    /// <summary>Table (time, orders per hour) over the dashboard's time range: one row per <c>@interval</c> bucket from
    /// <c>@from</c> to now, each the orders of the hour (or of the bucket, when longer) ending with the bucket, per hour. A
    /// rolling hour keeps short ranges smooth (15 minutes in 5-second buckets), and every bucket has a row, zero included.
    /// <c>@from</c>/<c>@to</c> are ISO 8601 text and <c>@interval</c> whole seconds on SQLite.</summary>
    public const string OrdersPerHour = """
        WITH RECURSIVE bucket(start_ms) AS (
          SELECT CAST(strftime('%s', @from) AS INTEGER) * 1000
          UNION ALL
          SELECT start_ms + @interval * 1000 FROM bucket
          WHERE start_ms + @interval * 1000 < CAST(strftime('%s', @to) AS INTEGER) * 1000
            AND start_ms + @interval * 1000 <= CAST(strftime('%s', 'now') AS INTEGER) * 1000
        )
        SELECT start_ms / 1000 AS at,
          ROUND((SELECT COUNT(*) FROM demo_events
                 WHERE kind = 'order'
                   AND occurred_at_ms > start_ms + (@interval - MAX(3600, @interval)) * 1000
                   AND occurred_at_ms <= start_ms + @interval * 1000) * 3600.0 / MAX(3600, @interval), 1) AS orders_per_hour
        FROM bucket
        """;
}
