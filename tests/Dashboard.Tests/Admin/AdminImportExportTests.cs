using System.Net;
using Dashboard.Configuration;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Admin;

public sealed class AdminImportExportTests : IAsyncLifetime
{
    private const string Secret = "exp0rt-S3cret-123";
    private AdminSession session = default!;

    public async ValueTask InitializeAsync()
    {
        session = await AdminSession.StartAsync($$"""
            "Connections": { "local": { "Provider": "sqlite", "ConnectionString": "Data Source=:memory:" } },
            "Sources": {
              "q": { "Kind": "sql", "Sql": { "Connection": "local", "Query": "SELECT @days * 2", "Parameters": { "days": "7" } } },
              "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value",
                     "Headers": { "Authorization": "Bearer {{Secret}}", "X-Ref": "Bearer {secret:SOME_TOKEN}" }, "Query": { "key": "{{Secret}}" } } }
            },
            "Dashboards": [ { "Slug": "main", "Title": "Main board", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ]
            """,
            configureServices: services => services.AddSecrets(new() { ["SOME_TOKEN"] = "some-token-value" }));
        await session.SignInAsync();
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    [Fact]
    public async Task The_export_leaves_secrets_out_but_keeps_secret_references()
    {
        using var response = await session.Client.GetAsync("/admin/export", TestContext.Current.CancellationToken);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.DoesNotContain(Secret, json, StringComparison.Ordinal);
        Assert.Contains("Bearer {secret:SOME_TOKEN}", json, StringComparison.Ordinal);
        Assert.Contains("\"Authorization\": \"\"", json, StringComparison.Ordinal);
        Assert.Contains("\"days\": \"7\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Data Source", json, StringComparison.Ordinal);

        using var anonymous = session.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var refused = await anonymous.GetAsync("/admin/export", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task An_exported_file_imports_back_keeping_stored_secrets_and_applies_changes()
    {
        var json = await session.Client.GetStringAsync("/admin/export", TestContext.Current.CancellationToken);
        json = json.Replace("Main board", "Imported board", StringComparison.Ordinal);

        var html = await ImportAsync(json, "replace");

        Assert.Contains("Imported (replaced everything)", html, StringComparison.Ordinal);
        Assert.Contains("Imported board", await session.GetPageAsync("/d/main"), StringComparison.Ordinal);
        var source = Config.FindSource("s")!;
        Assert.Equal($"Bearer {Secret}", source.Http!.Headers["Authorization"]);
        Assert.Equal(Secret, source.Http.Query["key"]);
    }

    [Fact]
    public async Task An_invalid_import_is_rejected_with_every_error_and_nothing_changes()
    {
        var before = Config.Version;
        var json = """
            { "Sources": { "bad": { "Kind": "http", "Http": { "Url": "http://169.254.169.254/x" }, "RenderDeadline": "00:00:09", "FetchTimeout": "00:00:03" },
                           "q": { "Kind": "sql", "Sql": { "Connection": "nope", "Query": "DELETE FROM t" } } },
              "Dashboards": [ { "Slug": "main", "Title": "Changed", "Panels": [ { "Title": "P", "Source": "revnue" } ] } ] }
            """;

        var html = await ImportAsync(json, "replace");

        Assert.Contains("Nothing was changed", html, StringComparison.Ordinal);
        Assert.Contains("cloud-metadata", html, StringComparison.Ordinal);
        Assert.Contains("must not be greater than FetchTimeout", html, StringComparison.Ordinal);
        Assert.Contains("read-only", html, StringComparison.Ordinal);
        Assert.Contains("unknown connection", html, StringComparison.Ordinal);
        Assert.Contains("unknown source", html, StringComparison.Ordinal);
        Assert.Equal(before, Config.Version);
        Assert.Contains("Main board", await session.GetPageAsync("/d/main"), StringComparison.Ordinal);

        Assert.Contains("not valid JSON", await ImportAsync("{ nope", "merge"), StringComparison.Ordinal);
        Assert.Contains("at most 1024 KiB", await ImportAsync(new string(' ', 1024 * 1024 + 10), "merge"), StringComparison.Ordinal);

        var token = AdminSession.Token(await session.GetPageAsync("/admin/import"));
        using var huge = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[3 * 1024 * 1024]), "file", "big.json" },
        };
        using var tooLarge = await session.Client.PostAsync("/admin/import", huge, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(before, Config.Version);
    }

    [Theory]
    [InlineData("/admin/import/")]
    [InlineData("/Admin/Import/")]
    public async Task An_oversize_upload_is_refused_with_413_however_the_path_is_spelled(string path)
    {
        var before = Config.Version;
        var token = AdminSession.Token(await session.GetPageAsync("/admin/import"));
        using var huge = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("replace"), "Import.Mode" },
            { new ByteArrayContent(new byte[2 * 1024 * 1024]), "file", "big.json" },
        };

        using var tooLarge = await session.Client.PostAsync(path, huge, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("larger than this page accepts", await tooLarge.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, Config.Version);
    }

    private DashboardConfig Config => session.Factory.Services.GetRequiredService<IDashboardConfigProvider>().Current;

    private Task<string> ImportAsync(string json, string mode) => session.ImportAsync(json, mode);
}
