namespace Dashboard.Demo;

/// <summary>SQLite queries over <c>demo_events</c> for the demo panels. They use SQLite's own clock
/// (<c>strftime('%s','now')</c>), so they need no parameter.</summary>
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
}
