using System.Net.Sockets;
using System.Reflection;
using Dashboard.Startup;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Startup;

public sealed class StorageStartupTests
{
    [Fact]
    public async Task Storage_that_answers_on_the_third_try_is_migrated_after_two_logged_waits()
    {
        var store = FlakyStore.Create(failures: 2);
        var time = new FakeTimeProvider();
        var logger = new FakeLogger<StorageStartup>();
        var startup = Startup(store, time, logger, TimeSpan.FromMinutes(1));

        var prepare = startup.PrepareAsync(TestContext.Current.CancellationToken);
        while (!prepare.IsCompleted)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        await prepare;
        Assert.Equal(3, ((FlakyStore)(object)store).Tries);
        Assert.True(((FlakyStore)(object)store).Migrated);
        var retries = logger.Collector.GetSnapshot().Where(r => r.Id.Id == 4201).Select(r => r.Message).ToList();
        Assert.Equal(2, retries.Count);
        Assert.EndsWith("try 1: connection refused; next try in 1 s", retries[0], StringComparison.Ordinal);
        Assert.EndsWith("try 2: connection refused; next try in 2 s", retries[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_that_never_answers_stops_start_up_with_the_storage_exit_code()
    {
        var store = FlakyStore.Create(failures: int.MaxValue);
        var startup = Startup(store, TimeProvider.System, new FakeLogger<StorageStartup>(), TimeSpan.Zero);

        var refusal = await Assert.ThrowsAsync<StartupRefusalException>(() => startup.PrepareAsync(TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.StorageUnavailable, refusal.ExitCode);
        Assert.StartsWith("storage unavailable: the SQLite file ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer after 1 try", refusal.Message, StringComparison.Ordinal);
        Assert.False(((FlakyStore)(object)store).Migrated);
    }

    private static StorageStartup Startup(IDashboardStore store, TimeProvider time, ILogger<StorageStartup> logger, TimeSpan retry)
    {
        var services = new ServiceCollection().AddSingleton(store).BuildServiceProvider();
        var options = Options.Create(new StorageOptions { ConnectionString = "Data Source=data/x.db", StartupRetryTime = retry });
        return new StorageStartup(services, options, time, logger, Path.GetTempPath());
    }

    /// <summary>An in-memory store whose first tries fail as a refused connection.</summary>
    public class FlakyStore : DispatchProxy
    {
        private readonly InMemoryDashboardStore inner = new();
        private int failures;
        private int tries;

        public int Tries => Volatile.Read(ref tries);

        public bool Migrated { get; private set; }

        public static IDashboardStore Create(int failures)
        {
            var store = Create<IDashboardStore, FlakyStore>();
            ((FlakyStore)(object)store).failures = failures;
            return store;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod!.Name)
            {
                case nameof(IDashboardStore.MigrateAsync):
                    if (Interlocked.Increment(ref tries) <= failures)
                    {
                        return Task.FromException(new SocketException((int)SocketError.ConnectionRefused));
                    }

                    Migrated = true;
                    return Task.CompletedTask;
                default:
                    return targetMethod.Invoke(inner, args);
            }
        }
    }
}
