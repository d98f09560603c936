namespace Dashboard.Metrics;

/// <summary>How an instrument's measurements become a Prometheus family.</summary>
internal enum MetricKind
{
    /// <summary>Measurements are increments (Counter, UpDownCounter).</summary>
    Sum,

    /// <summary>Each measurement replaces the value (Gauge and every observable instrument).</summary>
    LastValue,

    Histogram,
}
