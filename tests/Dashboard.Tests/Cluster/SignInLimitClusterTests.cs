using System.Net;
using Dashboard.Admin;
using Dashboard.Tests.Admin;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Cluster;

/// <summary>Two instances on one PostgreSQL database share the sign-in limits: attempts made on either count against
/// one limit, per user name and per client address, instead of each instance allowing its own share.</summary>
public sealed class SignInLimitClusterTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [PostgresFact]
    public async Task Attempts_for_one_user_name_on_two_instances_count_against_one_limit()
    {
        var (a, b) = await StartTwoAsync("\"SignInPermitLimit\": 50, \"SignInUserPermitLimit\": 3");
        await using (a)
        await using (b)
        {
            foreach (var instance in new[] { a, b, a })
            {
                using var allowed = await TryAsync(instance, "admin");
                Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            }

            using var limited = await TryAsync(b, "admin");
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Contains(AdminAuthentication.TooManyAttemptsForUserMessage, await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        }
    }

    [PostgresFact]
    public async Task Attempts_from_one_address_on_two_instances_count_against_one_limit()
    {
        var (a, b) = await StartTwoAsync("\"SignInPermitLimit\": 4, \"SignInUserPermitLimit\": 50");
        await using (a)
        await using (b)
        {
            var i = 0;
            foreach (var instance in new[] { a, b, a, b })
            {
                using var allowed = await TryAsync(instance, $"guess-{i++}");
                Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            }

            using var limited = await TryAsync(a, "guess-last");
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Contains(AdminAuthentication.TooManyAttemptsMessage, await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.NotNull(limited.Headers.RetryAfter);
        }
    }

    private async Task<(AdminSession A, AdminSession B)> StartTwoAsync(string limits)
    {
        var config = $$"""
            "Storage": { "Provider": "postgres", "ConnectionString": "{{await database.CreateDatabaseAsync()}}" },
            {{AdminSession.OneSourceConfig}}
            """;
        return (await StartAsync(config, limits), await StartAsync(config, limits));
    }

    private static Task<AdminSession> StartAsync(string config, string limits) =>
        AdminSession.StartAsync(config, AdminSession.AdminSettings(limits), services =>
            services.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter(IPAddress.Parse("192.0.2.44"))));

    private static async Task<HttpResponseMessage> TryAsync(AdminSession session, string userName)
    {
        var token = AdminSession.Token(await session.GetPageAsync("/admin/sign-in"));
        return await session.PostAsync("/admin/sign-in", "admin-sign-in", [new("Input.UserName", userName), new("Input.Password", "wrong guess")], token);
    }
}
