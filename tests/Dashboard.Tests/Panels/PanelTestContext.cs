using Bunit;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Panels;

/// <summary>A bunit context for panel components: a manual clock (so "… ago" texts are exact) and
/// loggers that record what the components log.</summary>
public abstract class PanelTestContext : BunitContext
{
    protected PanelTestContext()
    {
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<ILoggerFactory>(_ => LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace)));
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddOptions();
    }

    // A fixed start, so the timestamps the panels print are known in advance.
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    protected FakeLoggerProvider Logs { get; } = new();

    protected DateTimeOffset Now => Time.GetUtcNow();

    protected static PanelOptions Stat(string id = "p1", string title = "Requests") =>
        new() { Id = id, Title = title, Source = "src", Type = PanelTypes.Stat };

    protected SourceReading FreshReading(SourceValue value, TimeSpan age, IReadOnlyList<HistoryPoint>? history = null) => new()
    {
        SourceName = "src",
        State = ReadingState.Fresh,
        Value = value,
        FetchedAt = Now - age,
        History = history ?? [],
    };

    protected SourceReading StaleReading(SourceValue value, TimeSpan age, string reason, string? publicReason = null) => new()
    {
        SourceName = "src",
        State = ReadingState.Stale,
        Value = value,
        FetchedAt = Now - age,
        Reason = reason,
        PublicReason = publicReason ?? reason,
    };

    protected IReadOnlyList<HistoryPoint> History(params double[] values) =>
        values.Select((v, i) => new HistoryPoint("src", Now.AddMinutes(i - values.Length), v)).ToArray();

    protected IRenderedComponent<PanelHost> RenderHost(PanelOptions panel, Task<SourceReading> reading) =>
        Render<PanelHost>(p => p.Add(x => x.Panel, panel).Add(x => x.Reading, reading));
}
