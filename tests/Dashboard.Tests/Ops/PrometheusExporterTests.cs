using System.Diagnostics.Metrics;
using Dashboard.Metrics;

namespace Dashboard.Tests.Ops;

/// <summary>The exporter on its own meter: naming, label escaping, cumulative buckets, observable series.</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly Meter meter = new("Dashboard.Tests.Exporter." + Guid.NewGuid().ToString("N"));
    private readonly MetricsCollector collector;

    public PrometheusExporterTests()
    {
        collector = new MetricsCollector(m => m == meter);
        collector.Start();
    }

    public void Dispose()
    {
        collector.Dispose();
        meter.Dispose();
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline()
    {
        var counter = meter.CreateCounter<long>("test.requests", "{request}", "Requests with \\ and\nnewline in help");
        counter.Add(2, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));

        var text = collector.Scrape();
        Assert.Contains("# HELP test_requests_total Requests with \\\\ and\\nnewline in help\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE test_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("test_requests_total{path=\"a\\\"b\\\\c\\nd\"} 2\n", text, StringComparison.Ordinal);
        var parsed = PrometheusText.Parse(text);
        Assert.Equal("a\"b\\c\nd", parsed.Family("test_requests_total").Single().Labels["path"]);
    }

    [Fact]
    public void Histograms_are_cumulative_with_inf_sum_and_count()
    {
        var histogram = meter.CreateHistogram<double>("test.latency", "s", "Latency",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1] });
        foreach (var value in new[] { 0.05, 0.1, 0.3, 0.7, 2.0 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("op", "read"));
        }

        // Tags in another order find the same series.
        histogram.Record(0.2, new KeyValuePair<string, object?>("b", "2"), new KeyValuePair<string, object?>("a", "1"));
        histogram.Record(0.2, new KeyValuePair<string, object?>("a", "1"), new KeyValuePair<string, object?>("b", "2"));

        var parsed = PrometheusText.Parse(collector.Scrape());
        parsed.AssertHistogramsWellFormed();
        Assert.Equal("histogram", parsed.Types["test_latency_seconds"]);
        var read = parsed.Samples.Where(s => s.Name == "test_latency_seconds_bucket" && s.Labels.GetValueOrDefault("op") == "read").ToList();
        Assert.Equal(["0.1", "0.5", "1", "+Inf"], read.Select(s => s.Labels["le"]));
        Assert.Equal([2.0, 3, 4, 5], read.Select(s => s.Value));
        Assert.Equal(3.15, parsed.Samples.Single(s => s.Name == "test_latency_seconds_sum" && s.Labels.ContainsKey("op")).Value, 6);
        Assert.Equal(5, parsed.Samples.Single(s => s.Name == "test_latency_seconds_count" && s.Labels.ContainsKey("op")).Value);
        Assert.Equal(2, parsed.Samples.Single(s => s.Name == "test_latency_seconds_count" && s.Labels.ContainsKey("a")).Value);
    }

    [Fact]
    public void Observable_series_that_disappear_are_not_exported_again()
    {
        var present = new List<string> { "a", "b" };
        meter.CreateObservableGauge("test.open", () => present.Select(p => new Measurement<int>(1, new KeyValuePair<string, object?>("source", p))), null, "Open");
        meter.CreateObservableUpDownCounter("test.queue.depth", () => 3L, "{item}", "Depth");

        var first = PrometheusText.Parse(collector.Scrape());
        Assert.Equal(["a", "b"], first.Family("test_open").Select(s => s.Labels["source"]));
        Assert.Equal("gauge", first.Types["test_queue_depth"]);
        Assert.Equal(3, first.Family("test_queue_depth").Single().Value);

        present.Remove("a");
        var second = PrometheusText.Parse(collector.Scrape());
        Assert.Equal(["b"], second.Family("test_open").Select(s => s.Labels["source"]));
    }

    [Fact]
    public void Up_down_counters_are_gauges_that_add()
    {
        var inFlight = meter.CreateUpDownCounter<int>("test.in_flight", unit: null, description: "In flight");
        inFlight.Add(3);
        inFlight.Add(-1);
        var parsed = PrometheusText.Parse(collector.Scrape());
        Assert.Equal("gauge", parsed.Types["test_in_flight"]);
        Assert.Equal(2, parsed.Family("test_in_flight").Single().Value);
    }

    [Theory]
    [InlineData("dashboard.fetch.duration", "s", false, "dashboard_fetch_duration_seconds")]
    [InlineData("dashboard_page_render_duration", "s", false, "dashboard_page_render_duration_seconds")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", true, "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("requests", "{request}", true, "requests_total")]
    [InlineData("requests_total", null, true, "requests_total")]
    [InlineData("io.rate", "By/s", false, "io_rate_bytes_per_second")]
    [InlineData("9lives", null, false, "_9lives")]
    public void Family_names_follow_prometheus_conventions(string name, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusNames.Family(name, unit, counter));
}
