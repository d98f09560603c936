using Dashboard.TimeRanges;
using Dashboard.Tests.Support;
using Dashboard.Sources;
using Dashboard.Sources.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Sources.Sql;

/// <summary>Builds the real DI wiring (<see cref="SqlSourceServiceCollectionExtensions.AddSqlSources"/>) over in-memory configuration.</summary>
internal sealed class SqlTestHost : IAsyncDisposable
{
    /// <summary>Every awaited call in these tests is bounded by this, so a hang fails instead of stalling the run.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly ServiceProvider services;

    public SqlTestHost(string contentRoot, IDictionary<string, string?> settings)
    {
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services = new ServiceCollection().AddSqlSources(Configuration, contentRoot).BuildServiceProvider();
        Connections = services.GetRequiredService<ISqlConnectionFactory>();
    }

    public IConfigurationRoot Configuration { get; }

    public ISqlConnectionFactory Connections { get; }

    public static Dictionary<string, string?> Connection(string name, string provider, string connectionString) => new()
    {
        [$"Dashboard:Connections:{name}:Provider"] = provider,
        [$"Dashboard:Connections:{name}:ConnectionString"] = connectionString,
    };

    public static SourceOptions Source(string connection, string query, ValueShape shape = ValueShape.Scalar, int maxRows = 100, TimeSpan? timeout = null, Dictionary<string, string>? parameters = null) => new()
    {
        Name = "test",
        Kind = "sql",
        Shape = shape,
        Sql = new SqlSourceOptions
        {
            Connection = connection,
            Query = query,
            MaxRows = maxRows,
            CommandTimeout = timeout ?? TimeSpan.FromSeconds(5),
            Parameters = parameters ?? [],
        },
    };

    public Task<SourceFetchResult> FetchAsync(SourceOptions options, CancellationToken cancellationToken = default, TimeWindow? window = null) =>
        new SqlSource(options, Connections).FetchAsync(new SourceFetchRequest(window ?? TestWindows.Hour), cancellationToken).WaitAsync(Bound);

    public async Task<SourceValue> ValueAsync(string connection, string query, ValueShape shape = ValueShape.Scalar, int maxRows = 100) =>
        (await FetchAsync(Source(connection, query, shape, maxRows))).Value;

    public async Task<SourceFailureException> FailureAsync(SourceOptions options) =>
        await Assert.ThrowsAsync<SourceFailureException>(() => FetchAsync(options));

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
