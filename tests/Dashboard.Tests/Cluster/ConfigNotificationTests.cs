using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dashboard.Cluster;
using Dashboard.Tests.Http;
using Dashboard.Tests.Ops;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Dashboard.Tests.Cluster;

/// <summary>Configuration changes reach every instance by PostgreSQL NOTIFY within a second, and polling takes over
/// while an instance's listening connection is down (terminated with <c>pg_terminate_backend</c>), as /health says.</summary>
public sealed class ConfigNotificationTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private static readonly TimeSpan Announced = TimeSpan.FromSeconds(1);

    [PostgresFact]
    public async Task A_save_on_one_instance_is_in_force_on_the_others_within_a_second()
    {
        // Polling once an hour: only the announcement can bring a change within the second.
        var connectionString = await database.CreateDatabaseAsync();
        const string NoPolling = "\"ConfigPollInterval\": \"01:00:00\"";
        await using var a = await ClusterApps.StartAsync(connectionString, NoPolling);
        await using var b = await ClusterApps.StartAsync(connectionString, NoPolling);
        await using var c = await ClusterApps.StartAsync(connectionString, NoPolling);
        await ClusterApps.UntilListeningAsync(a, b, c);

        foreach (var title in new[] { "Second", "Third", "Fourth" })
        {
            var watch = Stopwatch.StartNew();
            await ClusterApps.SaveTitleAsync(a, title);
            await Eventually.TrueAsync(() => ClusterApps.Title(b) == title && ClusterApps.Title(c) == title, $"'{title}' on B and C", TimeSpan.FromSeconds(5));
            Assert.True(watch.Elapsed <= Announced, $"'{title}' took {watch.ElapsedMilliseconds} ms to reach B and C");
        }
    }

    [PostgresFact]
    public async Task When_its_listening_connection_is_terminated_an_instance_polls_reconnects_and_says_so_in_health()
    {
        var connectionString = await database.CreateDatabaseAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // The watched instance runs on a manual clock: it polls every second of that clock and waits a minute of it
        // before reconnecting, so each step below happens only when the test moves the clock.
        await using var watched = await ClusterApps.StartAsync(
            connectionString,
            "\"ConfigPollInterval\": \"00:00:01\"",
            "\"Cluster\": { \"ReconnectMinDelay\": \"00:01:00\", \"ReconnectMaxDelay\": \"00:01:00\" }",
            services => services.AddSingleton<TimeProvider>(time));
        await using var writer = await ClusterApps.StartAsync(connectionString);
        await ClusterApps.UntilListeningAsync(watched, writer);
        using var client = watched.CreateClient();
        var health = await ClusterHealthAsync(client);
        Assert.Equal("listening", health.GetProperty("notifications").GetString());
        Assert.Equal("notified", health.GetProperty("configChanges").GetString());

        await TerminateListenerAsync(connectionString, ((PostgresClusterBus)ClusterApps.Bus(watched)).ConnectionName);

        health = await Poll.UntilAsync(() => ClusterHealthAsync(client), h => h.GetProperty("notifications").GetString() == "reconnecting", "reconnecting in /health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("polled every 1 s", health.GetProperty("configChanges").GetString());
        Assert.Equal(time.GetUtcNow(), health.GetProperty("since").GetDateTimeOffset());

        // Not announced to the watched instance any more: it stays behind until its poll.
        await ClusterApps.SaveTitleAsync(writer, "While down");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal("First", ClusterApps.Title(watched));
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => ClusterApps.Title(watched) == "While down", "the poll to apply the change");
        Assert.Equal("reconnecting", ClusterApps.Bus(watched).Status.Name);

        // After the back-off it listens again, reports it, and announcements arrive without any poll.
        time.Advance(TimeSpan.FromMinutes(1));
        health = await Poll.UntilAsync(() => ClusterHealthAsync(client), h => h.GetProperty("notifications").GetString() == "listening", "listening again in /health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("reconnects").GetInt32());
        Assert.Equal("notified", health.GetProperty("configChanges").GetString());

        var watch = Stopwatch.StartNew();
        await ClusterApps.SaveTitleAsync(writer, "After reconnect");
        await Eventually.TrueAsync(() => ClusterApps.Title(watched) == "After reconnect", "the announcement after reconnecting", TimeSpan.FromSeconds(5));
        Assert.True(watch.Elapsed <= Announced, $"took {watch.ElapsedMilliseconds} ms");
    }

    private static async Task<JsonElement> ClusterHealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/health answered {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("cluster").Clone();
    }

    private static async Task TerminateListenerAsync(string connectionString, string applicationName)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name",
            connection);
        command.Parameters.AddWithValue("name", applicationName);
        Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
