using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Sources;
using Dashboard.Sources.Engine;
using Dashboard.Tests.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Admin;

/// <summary>A connection that comes to point at the storage database after start-up (here: its secret is set later,
/// as a rotated secret would be) is refused by the admin source form, the import and every query.</summary>
public sealed class AdminStorageConnectionTests : IAsyncLifetime
{
    private const string RefusalStart = "connection 'late' points at the dashboard's own storage database";

    private readonly IConfigurationRoot secrets = new ConfigurationBuilder().AddInMemoryCollection().Build();
    private AdminSession session = default!;

    public async ValueTask InitializeAsync()
    {
        session = await AdminSession.StartAsync(
            """
            "Connections": { "late": { "Provider": "sqlite", "ConnectionString": "{secret:LATE_DB}" } },
            "Sources": { "keys": { "Kind": "sql", "Sql": { "Connection": "late", "Query": "SELECT COUNT(*) FROM data_protection_keys" },
                                   "RenderDeadline": "00:00:05", "FetchTimeout": "00:00:05", "MaxAge": "00:00:01" } },
            "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "pk", "Type": "stat", "Title": "Keys", "Source": "keys", "Sparkline": false } ] } ]
            """,
            configureServices: services => services.AddSingleton<ISecretResolver>(new ConfigurationSecretResolver(secrets)));
    }

    [Fact]
    public async Task The_source_form_refuses_the_connection_beside_its_field()
    {
        await session.SignInAsync();
        PointLateAtStorage();

        using var response = await session.PostFormAsync("/admin/sources/new?kind=sql", "source",
        [
            new("Form.Name", "peek"), new("Form.Kind", "sql"), new("Form.Version", ""), new("Form.Shape", "Table"),
            new("Form.Connection", "late"), new("Form.Query", "SELECT xml FROM data_protection_keys"), new("Form.CommandTimeout", "5"),
            new("Form.MaxRows", "10"), new("Form.RenderDeadline", "5"), new("Form.FetchTimeout", "5"), new("Form.MaxAge", "60"),
        ]);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Connection 'late' points at the dashboard's own storage database", AdminSession.FieldError(html, "connection-error"), StringComparison.Ordinal);
        Assert.Null(session.Current.FindSource("peek"));
    }

    [Fact]
    public async Task The_import_refuses_a_source_on_the_connection()
    {
        await session.SignInAsync();
        PointLateAtStorage();
        var json = """
            { "Sources": { "peek": { "Kind": "sql", "Sql": { "Connection": "late", "Query": "SELECT xml FROM data_protection_keys" } } }, "Dashboards": [] }
            """;

        var token = AdminSession.Token(await session.GetPageAsync("/admin/import"));
        using var content = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("merge"), "Import.Mode" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "file", "config.json");
        using var response = await session.Client.PostAsync("/admin/import", content, TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"Dashboard:Sources:peek:Sql:Connection: {RefusalStart}", html, StringComparison.Ordinal);
        Assert.Null(session.Current.FindSource("peek"));
    }

    [Fact]
    public async Task A_source_already_on_the_connection_fails_with_the_reason_instead_of_reading_storage()
    {
        PointLateAtStorage();

        var panel = PanelMarkup.FinalHtml(await session.GetPageAsync("/d/main"), "pk");

        // Anonymous viewers get the generic reason; the detail is for admins and /health.
        Assert.Contains("<span class=\"reason\">configuration error</span>", panel, StringComparison.Ordinal);
        Assert.StartsWith(RefusalStart, session.Factory.Services.GetRequiredService<SourceStatusBoard>().Get("keys").LastFailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"number\"", panel, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    private void PointLateAtStorage() =>
        secrets["Secrets:LATE_DB"] = $"Data Source={Path.Combine(session.Factory.DataDirectory, "dashboard.db")}";
}
