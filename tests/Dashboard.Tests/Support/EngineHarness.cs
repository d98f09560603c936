using System.Diagnostics.Metrics;
using Dashboard.Configuration;
using Dashboard.Dashboards;
using Dashboard.Metrics;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Sources.Coordination;
using Dashboard.Sources.Engine;
using Dashboard.Sources.Ranges;
using Dashboard.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Support;

/// <summary>A real SourceEngine wired to a manual clock, controlled sources and an in-memory store.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    // The framework's meter factory (AddMetrics): meters scoped to this harness, disposed with it.
    private readonly ServiceProvider metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public EngineHarness(params SourceOptions[] sources)
        : this(new InMemoryDashboardStore(), sources)
    {
    }

    private readonly Polly.Registry.ResiliencePipelineRegistry<string> registry;

    public EngineHarness(IDashboardStore store, params SourceOptions[] sources)
        : this(store, null, null, sources)
    {
    }

    /// <param name="coordinator">Makes the fetch coordinator from the harness's clock: one shared by harnesses that stand
    /// for instances of one cluster, or one with fixed jitter; by default an in-process one of its own.</param>
    /// <param name="storage">Storage settings (the shared-state wait); by default the app's defaults.</param>
    public EngineHarness(IDashboardStore store, Func<TimeProvider, IFetchCoordinator>? coordinator, StorageOptions? storage, params SourceOptions[] sources)
    {
        Store = store;
        Config = new TestConfigProvider(Options(sources));
        Board = new SourceStatusBoard(Time);
        registry = new(new() { BuilderFactory = () => new Polly.ResiliencePipelineBuilder { TimeProvider = Time } });
        Pipelines = new SourcePipelines(Config, Board, registry);
        Queue = new PersistenceQueue(store, Time, NullLogger<PersistenceQueue>.Instance);
        Metrics = new DashboardMetrics(metrics.GetRequiredService<IMeterFactory>());
        Coordinator = coordinator?.Invoke(Time) ?? new InProcessFetchCoordinator(Time);
        Engine = new SourceEngine(
            Config, Sources, Pipelines, Board, store, Queue, Coordinator, new DefaultTimeWindowRenewer(), Time,
            Microsoft.Extensions.Options.Options.Create(storage ?? new StorageOptions()), Metrics, NullLogger<SourceEngine>.Instance);
        Queue.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Time { get; } = new();

    public IFetchCoordinator Coordinator { get; }

    /// <summary>The engine's metrics, for other parts built on this harness.</summary>
    public DashboardMetrics Metrics { get; }

    public ControlledSourceFactory Sources { get; } = new();

    public IDashboardStore Store { get; }

    public TestConfigProvider Config { get; }

    public SourceStatusBoard Board { get; }

    public SourcePipelines Pipelines { get; }

    public PersistenceQueue Queue { get; }

    public SourceEngine Engine { get; }

    public static SourceOptions Source(string name, double deadlineSeconds = 1, double maxAgeSeconds = 10, double fetchTimeoutSeconds = 5) => new()
    {
        Name = name,
        Kind = SourceKinds.Http,
        Http = new HttpSourceOptions { Url = "http://127.0.0.1:1/unused" },
        RenderDeadline = TimeSpan.FromSeconds(deadlineSeconds),
        MaxAge = TimeSpan.FromSeconds(maxAgeSeconds),
        FetchTimeout = TimeSpan.FromSeconds(fetchTimeoutSeconds),
    };

    public static DashboardOptions Options(params SourceOptions[] sources) => new()
    {
        Sources = sources.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase),
        Dashboards =
        [
            new DashboardDefinition
            {
                Slug = "main",
                Title = "Main",
                Panels = sources.Select(s => new PanelOptions { Id = s.Name, Title = s.Name, Source = s.Name, Type = PanelTypes.Stat }).ToList(),
            },
        ],
    };

    /// <summary>Waits (bounded, real time) until a refresh of the source has put a value in the cache (one younger than
    /// <paramref name="newerThan"/> on the harness's clock, when given).</summary>
    public async Task WaitForValueAsync(string source, TimeSpan? newerThan = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Engine.CacheAge(source) is not { } age || age >= (newerThan ?? TimeSpan.MaxValue))
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Queue.StopAsync(CancellationToken.None);
        Engine.Dispose();

        // Polly waits for cancelled executions on the (manual) clock before disposing: move it along.
        Pipelines.Dispose();
        var disposing = registry.DisposeAsync().AsTask();
        for (var i = 0; i < 200 && !disposing.IsCompleted; i++)
        {
            await Task.Delay(5);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        await disposing;
        await metrics.DisposeAsync();
    }
}
