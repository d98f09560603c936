using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Admin;
using Dashboard.Configuration;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Admin;

/// <summary>The real app with an admin account, and a browser-like client (cookies kept, redirects not followed)
/// that reads antiforgery tokens from pages and posts Blazor SSR forms.</summary>
public sealed partial class AdminSession : IAsyncDisposable
{
    public const string UserName = "admin";
    public const string Password = "correct horse battery staple";

    private static readonly Lazy<string> PasswordHash = new(() => AdminCredentials.Hash(UserName, Password));

    private AdminSession(DashboardAppFactory factory)
    {
        Factory = factory;

        // HTTPS: outside Development the app's cookies are Secure, and a cookie container returns those over HTTPS only.
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress });
    }

    /// <summary>The smallest configuration an admin test needs: one (unreachable) source on one dashboard.</summary>
    public const string OneSourceConfig = """
        "Sources": { "s": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/none", "Path": "value" } } },
        "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Id": "p", "Title": "P", "Source": "s" } ] } ]
        """;

    public static Uri BaseAddress { get; } = new("https://localhost");

    public DashboardAppFactory Factory { get; }

    public HttpClient Client { get; }

    public IDashboardStore Store => Factory.Services.GetRequiredService<IDashboardStore>();

    /// <summary>The configuration in force on this instance.</summary>
    public DashboardConfig Current => Factory.Services.GetRequiredService<IDashboardConfigProvider>().Current;

    /// <param name="sourcesAndDashboards">The inside of the Dashboard section without the braces, e.g. <c>"Sources": {…}, "Dashboards": […]</c>.
    /// Its sources, dashboards and default dashboard are stored in the database before the app starts, as if created in the
    /// admin area (so the admin may edit them); with <paramref name="provisioned"/> they stay in the configuration instead,
    /// provisioned (read-only in the admin).</param>
    /// <param name="admin">The Admin section's inside; null: an admin with <see cref="Password"/>.</param>
    /// <param name="configureServices">Replaces app services, as for <see cref="DashboardAppFactory"/>.</param>
    /// <param name="environment">The host environment, as for <see cref="DashboardAppFactory"/>.</param>
    public static async Task<AdminSession> StartAsync(
        string sourcesAndDashboards, string? admin = null, Action<IServiceCollection>? configureServices = null, string environment = "Testing", bool provisioned = false)
    {
        admin ??= AdminSettings();
        var section = JsonNode.Parse($$"""{ {{sourcesAndDashboards}}, "Admin": { {{admin}} } }""")!.AsObject();
        var items = provisioned ? [] : TakeItems(section);
        var factory = new DashboardAppFactory(section.ToJsonString(), configureServices, environment);
        if (items.Count > 0)
        {
            await StoreAsync(factory, section["Storage"], items);
        }

        return new AdminSession(factory);
    }

    /// <summary>Removes <c>Sources</c>, <c>Dashboards</c> and <c>DefaultDashboard</c> from the section and returns them as
    /// stored items, bound as the app binds its configuration.</summary>
    private static IReadOnlyList<StoredConfigItem> TakeItems(JsonObject section)
    {
        var part = new JsonObject();
        foreach (var key in new[] { "Sources", "Dashboards", "DefaultDashboard" })
        {
            if (section[key] is { } node)
            {
                section.Remove(key);
                part[key] = node;
            }
        }

        if (part.Count == 0)
        {
            return [];
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["Dashboard"] = part }.ToJsonString())))
            .Build();
        return StoredConfigDocuments.ToItems(DashboardOptionsSetup.Bind(configuration));
    }

    // Into the app's own storage before it starts; instances sharing a database store them once.
    private static async Task StoreAsync(DashboardAppFactory factory, JsonNode? storage, IReadOnlyList<StoredConfigItem> items)
    {
        var options = storage?.Deserialize<StorageOptions>() ?? new StorageOptions { ConnectionString = $"Data Source={Path.Combine(factory.DataDirectory, "dashboard.db")}" };
        await using DapperDashboardStore store = options.Provider == StorageProviders.Postgres
            ? new PostgresDashboardStore(options)
            : new SqliteDashboardStore(options, factory.DataDirectory);
        await store.MigrateAsync(CancellationToken.None);
        if ((await store.GetConfigAsync(CancellationToken.None)).Items.Count == 0)
        {
            await store.ReplaceConfigAsync(items, new AuditEntry(DateTimeOffset.UtcNow, "test", "import (replace)", "configuration", "*", "test set-up"), CancellationToken.None);
        }
    }

    /// <summary>The inside of an Admin section with this session's admin, and <paramref name="more"/> settings.</summary>
    public static string AdminSettings(string more = "") =>
        $"\"UserName\": \"{UserName}\", \"PasswordHash\": \"{PasswordHash.Value}\"" + (more.Length > 0 ? ", " + more : "");

    public static string Token(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["v1"].Success ? match.Groups["v1"].Value : match.Groups["v2"].Value)
            : throw new InvalidOperationException("no antiforgery token in the page:\n" + html);

    public async Task<string> GetPageAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {response.Headers.Location}\n{body}");
        return body;
    }

    /// <summary>Posts a form of the page at <paramref name="url"/> with a fresh token from that page.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, string formName, IEnumerable<KeyValuePair<string, string>> fields, string? tokenFromPage = null)
    {
        var token = Token(await GetPageAsync(tokenFromPage ?? url));
        return await PostAsync(url, formName, fields, token);
    }

    public Task<HttpResponseMessage> PostAsync(string url, string formName, IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        var all = new List<KeyValuePair<string, string>> { new("_handler", formName) };
        if (token is not null)
        {
            all.Add(new("__RequestVerificationToken", token));
        }

        all.AddRange(fields);
        return Client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    /// <summary>What a browser would post for the Blazor form <paramref name="formName"/> on the page, as it was rendered
    /// (inputs with their values, checked boxes, selected options), without the handler and antiforgery fields.</summary>
    public static List<KeyValuePair<string, string>> FormFields(string html, string formName)
    {
        var form = FormElement().Matches(html).Select(m => m.Value).Single(f => f.Contains($"value=\"{formName}\"", StringComparison.Ordinal));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in InputElement().Matches(form))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            if (name is null or "_handler" or "__RequestVerificationToken" || (Attribute(tag, "type") == "checkbox" && Attribute(tag, "checked") is null))
            {
                continue;
            }

            fields.Add(new(name, Attribute(tag, "value") ?? ""));
        }

        foreach (Match select in SelectElement().Matches(form))
        {
            var selected = OptionElement().Matches(select.Groups["options"].Value).FirstOrDefault(o => Attribute(o.Value, "selected") is not null)
                ?? OptionElement().Match(select.Groups["options"].Value);
            fields.Add(new(Attribute(select.Groups["open"].Value, "name")!, Attribute(selected.Value, "value") ?? ""));
        }

        return fields;
    }

    /// <summary>The text of the message rendered beside a field (<c>FieldError</c> with this id), or null when there is none.</summary>
    public static string? FieldError(string html, string id) =>
        Regex.Match(html, $"<span class=\"field-error\" id=\"{Regex.Escape(id)}\"[^>]*>(?<text>[^<]*)</span>") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["text"].Value)
            : null;

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}(?:=\"(?<value>[^\"]*)\")?(?=[\\s/>])") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;

    /// <summary>The stored item of a source, as the admin forms saved it.</summary>
    public async Task<StoredConfigItem> SourceItemAsync(string name) =>
        (await Store.GetConfigAsync(CancellationToken.None)).Items.Single(i => i.Kind == StoredConfigKinds.Source && i.Name == name);

    public async Task<long> SourceVersionAsync(string name) => (await SourceItemAsync(name)).Version;

    /// <summary>Posts <paramref name="json"/> to /admin/import as a file upload (<paramref name="mode"/> "replace" or "merge"); the page rendered back.</summary>
    public async Task<string> ImportAsync(string json, string mode)
    {
        var token = Token(await GetPageAsync("/admin/import"));
        using var content = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(mode), "Import.Mode" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Add(file, "file", "config.json");
        using var response = await Client.PostAsync("/admin/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task SignInAsync()
    {
        using var response = await PostFormAsync("/admin/sign-in", "admin-sign-in", [new("Input.UserName", UserName), new("Input.Password", Password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputElement();

    [GeneratedRegex("(?<open><select[^>]*>)(?<options>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectElement();

    [GeneratedRegex("<option[^>]*>")]
    private static partial Regex OptionElement();

    [GeneratedRegex("""<input[^>]*?(?:name="__RequestVerificationToken"[^>]*?value="(?<v1>[^"]*)"|value="(?<v2>[^"]*)"[^>]*?name="__RequestVerificationToken")""")]
    private static partial Regex AntiforgeryInput();
}
