using System.Text.Json;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Ops;

/// <summary>With the default ShowErrorDetails ("authenticated"), anonymous callers see names, states and
/// times but not failure reasons; a signed-in caller sees the reasons.</summary>
public sealed class HealthErrorDetailTests : IAsyncLifetime
{
    private FakeUpstream upstream = default!;
    private DashboardAppFactory app = default!;

    public async ValueTask InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.SetStatus("down", 503);
        var config = $$"""
            {
              "Sources": { "down": { "Kind": "http", "Http": { "Url": "{{upstream.Url("down")}}?api_key=k3y", "Path": "value" }, "MaxAge": "00:00:00", "RenderDeadline": "00:00:10", "FetchTimeout": "00:00:10" } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "down", "Type": "stat", "Title": "Down", "Source": "down" } ] } ]
            }
            """;
        app = new DashboardAppFactory(config, services => services.AddSingleton<IStartupFilter, TestUserStartupFilter>());
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task Reasons_are_hidden_from_anonymous_callers_and_shown_to_signed_in_ones()
    {
        using var client = app.CreateClient();
        (await client.GetAsync("/", TestContext.Current.CancellationToken)).Dispose();

        var anonymous = await client.GetStringAsync("/health", TestContext.Current.CancellationToken);
        using (var json = JsonDocument.Parse(anonymous))
        {
            Assert.Equal("hidden", json.RootElement.GetProperty("errorDetails").GetString());
            var source = json.RootElement.GetProperty("sources")[0];
            Assert.Equal("down", source.GetProperty("name").GetString());
            Assert.Equal("failing", source.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, source.GetProperty("lastError").GetProperty("reason").ValueKind);
            Assert.Equal(JsonValueKind.String, source.GetProperty("lastError").GetProperty("at").ValueKind);
        }

        // "HTTP 503", not "503": timestamps in the document may contain those digits.
        Assert.DoesNotContain("HTTP 503", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("Service Unavailable", anonymous, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add(TestUserStartupFilter.Header, "admin");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var signedIn = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using (var json = JsonDocument.Parse(signedIn))
        {
            Assert.Equal("shown", json.RootElement.GetProperty("errorDetails").GetString());
            Assert.StartsWith("HTTP 503", json.RootElement.GetProperty("sources")[0].GetProperty("lastError").GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("k3y", signedIn, StringComparison.Ordinal);
    }
}
