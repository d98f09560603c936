using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Metrics;

/// <summary>Collects System.Diagnostics.Metrics measurements with a <see cref="MeterListener"/> and renders
/// them in the Prometheus text exposition format (0.0.4). OpenTelemetry and prometheus-net are not
/// available here (shared/NUGET.md), hence this small exporter. Recording is lock-free; scrapes are
/// serialised so observable instruments are read once per scrape.</summary>
public sealed class MetricsCollector : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";
    private const string RuntimeMeter = "System.Runtime";

    private readonly MeterListener listener = new();
    private readonly Func<Meter, bool> include;
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> aggregates = new();
    private readonly Lock scrapeGate = new();
    private readonly StringBuilder text = new(16 * 1024);
    private readonly ILogger logger;
    private long generation;
    private int started;

    public MetricsCollector(IMeterFactory meterFactory, IOptions<MetricsOptions> options, ILogger<MetricsCollector> logger)
        : this(IncludeFor(meterFactory, options.Value), logger)
    {
    }

    internal MetricsCollector(Func<Meter, bool> include, ILogger? logger = null)
    {
        this.include = include;
        this.logger = logger ?? NullLogger.Instance;
        listener.InstrumentPublished = OnInstrumentPublished;
        listener.MeasurementsCompleted = (instrument, _) => aggregates.TryRemove(instrument, out InstrumentAggregate? _);
        listener.SetMeasurementEventCallback<double>(static (_, m, tags, state) => ((InstrumentAggregate)state!).Record(m, tags));
        listener.SetMeasurementEventCallback<float>(static (_, m, tags, state) => ((InstrumentAggregate)state!).Record(m, tags));
        listener.SetMeasurementEventCallback<long>(static (_, m, tags, state) => ((InstrumentAggregate)state!).Record(m, tags));
        listener.SetMeasurementEventCallback<int>(static (_, m, tags, state) => ((InstrumentAggregate)state!).Record(m, tags));
        listener.SetMeasurementEventCallback<short>(static (_, m, tags, state) => ((InstrumentAggregate)state!).Record(m, tags));
        listener.SetMeasurementEventCallback<byte>(static (_, m, tags, state) => ((InstrumentAggregate)state!).Record(m, tags));
        listener.SetMeasurementEventCallback<decimal>(static (_, m, tags, state) => ((InstrumentAggregate)state!).Record((double)m, tags));
    }

    /// <summary>Starts listening; measurements made before this are not seen, so call it at start-up.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            listener.Start();
        }
    }

    /// <summary>The current exposition text.</summary>
    public string Scrape()
    {
        lock (scrapeGate)
        {
            var current = ++generation;
            foreach (var aggregate in aggregates.Values)
            {
                aggregate.Generation = current;
            }

            try
            {
                listener.RecordObservableInstruments();
            }
            catch (Exception ex)
            {
                // A faulty observable callback must not take the whole endpoint down.
                logger.LogWarning(ex, "An observable instrument failed during a metrics scrape");
            }

            text.Clear();
            string? previousFamily = null;
            string? previousType = null;
            foreach (var aggregate in aggregates.Values.OrderBy(a => a.Family, StringComparer.Ordinal))
            {
                if (aggregate.Family == previousFamily)
                {
                    // Two instruments mapping to one name: merge same-typed ones, skip the clash otherwise.
                    if (aggregate.PrometheusType == previousType)
                    {
                        WriteSeries(aggregate, current, header: false);
                    }

                    continue;
                }

                if (WriteSeries(aggregate, current, header: true))
                {
                    previousFamily = aggregate.Family;
                    previousType = aggregate.PrometheusType;
                }
            }

            return text.ToString();
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener source)
    {
        if (!include(instrument.Meter) || InstrumentAggregate.TryCreate(instrument) is not { } aggregate)
        {
            return;
        }

        aggregates[instrument] = aggregate;
        source.EnableMeasurementEvents(instrument, aggregate);
    }

    /// <returns>False when there was nothing to write (no series yet).</returns>
    private bool WriteSeries(InstrumentAggregate aggregate, long current, bool header)
    {
        var series = aggregate.Series.Where(s => !aggregate.Observable || s.Generation == current).ToArray();
        if (series.Length == 0)
        {
            return false;
        }

        if (header)
        {
            text.Append("# HELP ").Append(aggregate.Family).Append(' ');
            PrometheusNames.AppendHelp(text, aggregate.Instrument.Description ?? aggregate.Instrument.Name);
            text.Append('\n');
            text.Append("# TYPE ").Append(aggregate.Family).Append(' ').Append(aggregate.PrometheusType).Append('\n');
        }

        foreach (var one in series)
        {
            if (aggregate.Kind == MetricKind.Histogram)
            {
                WriteHistogram(aggregate, one);
            }
            else
            {
                text.Append(aggregate.Family);
                WriteLabels(one, null);
                text.Append(' ').Append(PrometheusNames.Number(one.Value)).Append('\n');
            }
        }

        return true;
    }

    private void WriteHistogram(InstrumentAggregate aggregate, MetricSeries series)
    {
        long cumulative = 0;
        for (var i = 0; i < aggregate.Bounds.Length; i++)
        {
            cumulative += series.BucketCount(i);
            text.Append(aggregate.Family).Append("_bucket");
            WriteLabels(series, PrometheusNames.Number(aggregate.Bounds[i]));
            text.Append(' ').Append(cumulative).Append('\n');
        }

        cumulative += series.BucketCount(aggregate.Bounds.Length);
        text.Append(aggregate.Family).Append("_bucket");
        WriteLabels(series, "+Inf");
        text.Append(' ').Append(cumulative).Append('\n');

        text.Append(aggregate.Family).Append("_sum");
        WriteLabels(series, null);
        text.Append(' ').Append(PrometheusNames.Number(series.Sum)).Append('\n');

        // The count is the +Inf bucket, so the two always agree even mid-update.
        text.Append(aggregate.Family).Append("_count");
        WriteLabels(series, null);
        text.Append(' ').Append(cumulative).Append('\n');
    }

    private void WriteLabels(MetricSeries series, string? le)
    {
        if (series.Labels.Length == 0 && le is null)
        {
            return;
        }

        text.Append('{');
        var first = true;
        foreach (var label in series.Labels)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            text.Append(PrometheusNames.LabelName(label.Key)).Append("=\"");
            PrometheusNames.AppendLabelValue(text, label.Value);
            text.Append('"');
        }

        if (le is not null)
        {
            text.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
        }

        text.Append('}');
    }

    private static Func<Meter, bool> IncludeFor(IMeterFactory meterFactory, MetricsOptions options)
    {
        var names = new HashSet<string>(options.AdditionalMeters, StringComparer.Ordinal) { DashboardMetrics.MeterName };
        var runtime = options.IncludeRuntime;

        // Meters made through this app's IMeterFactory carry it as their scope: tests host several apps
        // in one process and each must export only its own. Process-wide meters have no scope.
        return meter => (names.Contains(meter.Name) && (meter.Scope == meterFactory || meter.Scope is null))
            || (runtime && meter.Name == RuntimeMeter);
    }

    public void Dispose() => listener.Dispose();
}
