using System.Net;
using System.Text.Json;
using Dashboard.Demo;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Demo;

/// <summary><c>GET /demo/api</c> answers with the list of simulated APIs (it was a 404), and every listed API is there.</summary>
public sealed class DemoApiIndexTests
{
    private const string Config = """{ "Demo": { "Enabled": true }, "Sources": {}, "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [] } ] }""";

    [Theory]
    [InlineData("/demo/api")]
    [InlineData("/demo/api/")]
    public async Task The_index_lists_every_demo_api_with_what_it_does(string path)
    {
        await using var app = new DashboardAppFactory(Config);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var listed = json.RootElement.GetProperty("apis").EnumerateArray()
            .Select(a => (Method: a.GetProperty("method").GetString(), Path: a.GetProperty("path").GetString(), Behaviour: a.GetProperty("behaviour").GetString()))
            .ToList();
        Assert.Equal(DemoApiCatalog.All.Select(a => $"{a.Method} {a.Path}"), listed.Select(a => $"{a.Method} {a.Path}"));
        Assert.All(listed, a => Assert.False(string.IsNullOrWhiteSpace(a.Behaviour)));
    }

    [Fact]
    public async Task Every_listed_api_is_served()
    {
        await using var app = new DashboardAppFactory(Config);
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        // The slow one takes 3 s by design and the flaky one may answer 503 by design: both are routed either way.
        var answers = await Task.WhenAll(DemoApiCatalog.All.Select(async api =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(api.Method), api.Path);
            if (api.Method == "POST")
            {
                request.Content = new StringContent("""{"query":"x"}""", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request, ct);
            return (api.Path, response.StatusCode);
        }));

        Assert.All(answers, a => Assert.True(
            a.StatusCode is HttpStatusCode.OK || (a.Path == DemoApiCatalog.FlakyPayments.Path && a.StatusCode == HttpStatusCode.ServiceUnavailable),
            $"{a.Path} answered {(int)a.StatusCode}"));
    }
}
