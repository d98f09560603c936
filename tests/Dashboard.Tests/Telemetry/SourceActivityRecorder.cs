using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.Sources;

namespace Dashboard.Tests.Telemetry;

/// <summary>Records finished "Dashboard.Sources" spans. The listener sees every app in the process, so tests
/// give their sources unique names and look only at those.</summary>
internal sealed class SourceActivityRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> stopped = new();
    private readonly ActivityListener listener;

    public SourceActivityRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == SourceTracing.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public IReadOnlyList<Activity> Of(string source, string spanName) =>
        [.. stopped.Where(a => a.OperationName == spanName && Equals(a.GetTagItem(SourceTracing.SourceTag), source))];

    public IReadOnlyList<Activity> All(string source) =>
        [.. stopped.Where(a => Equals(a.GetTagItem(SourceTracing.SourceTag), source))];

    public void Dispose() => listener.Dispose();
}
