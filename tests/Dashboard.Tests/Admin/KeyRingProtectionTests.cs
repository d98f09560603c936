using System.Net;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Dashboard.Tests.Admin;

/// <summary>The Data Protection key ring (what admin cookies are signed with) is encrypted in the database to a
/// configured certificate, and a bad certificate setting stops start-up with a clear message.</summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private const string Dashboards = """
        "Sources": {}, "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [] } ]
        """;

    private readonly KeyRingCertificateFiles certificates = new();

    [Fact]
    public async Task With_a_certificate_stored_keys_are_encrypted_and_sign_in_still_works()
    {
        await using var session = await AdminSession.StartAsync($"{Dashboards}, {Protection(certificates.NewPfx())}");

        await session.SignInAsync();

        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin", TestContext.Current.CancellationToken)).StatusCode);
        var keys = await session.Store.GetDataProtectionKeysAsync(CancellationToken.None);
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains("EncryptedData", key.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_rotated_certificate_still_reads_keys_encrypted_to_the_previous_one()
    {
        var storage = Path.Combine(certificates.Folder, "shared.db");
        var first = certificates.NewPfx("first");
        var second = certificates.NewPfx("second");
        string cookie;
        await using (var before = await AdminSession.StartAsync($"{Dashboards}, {Storage(storage)}, {Protection(first)}"))
        {
            cookie = await SignInCookieAsync(before.Factory);
        }

        var rotated = $$"""
            {{Storage(storage)}}, "DataProtection": {
              "CertificatePath": "{{KeyRingCertificateFiles.Json(second)}}", "CertificatePassword": "{{KeyRingCertificateFiles.Password}}",
              "PreviousCertificates": [ { "CertificatePath": "{{KeyRingCertificateFiles.Json(first)}}", "CertificatePassword": "{{KeyRingCertificateFiles.Password}}" } ] }
            """;
        await using var after = await AdminSession.StartAsync($"{Dashboards}, {rotated}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);

        using var response = await after.Factory.CreateClient(new() { BaseAddress = AdminSession.BaseAddress, AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(await after.Store.GetDataProtectionKeysAsync(CancellationToken.None), key => Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_file_stops_start_up_naming_the_key()
    {
        var missing = Path.Combine(certificates.Folder, "nope.pfx");

        var failure = await StartFailureAsync(Protection(missing));

        Assert.Contains(failure, f => f.StartsWith("Dashboard:DataProtection:CertificatePath: cannot read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_stops_start_up_naming_the_key()
    {
        var failure = await StartFailureAsync(Protection(certificates.NewPfx(), password: "wrong"));

        Assert.Contains(failure, f => f.StartsWith("Dashboard:DataProtection:CertificatePath: cannot open the certificate: wrong Dashboard:DataProtection:CertificatePassword", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_stops_start_up()
    {
        var failure = await StartFailureAsync(Protection(certificates.NewPfxWithoutPrivateKey()));

        Assert.Contains(failure, f => f.StartsWith("Dashboard:DataProtection:CertificatePath: the certificate has no private key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_with_an_admin_account_refuses_unencrypted_keys_unless_explicitly_allowed()
    {
        var failure = await StartFailureAsync("\"DataProtection\": {}", environment: "Production");
        Assert.Contains(failure, f => f.StartsWith("Dashboard:DataProtection:CertificatePath: not set, so the keys that sign admin cookies would be stored unencrypted", StringComparison.Ordinal));

        Assert.Empty(await StartFailureAsync("\"DataProtection\": { \"AllowUnencryptedKeys\": true }", environment: "Production"));
    }

    public void Dispose() => certificates.Dispose();

    private static string Protection(string path, string password = KeyRingCertificateFiles.Password) =>
        $$"""
        "DataProtection": { "CertificatePath": "{{KeyRingCertificateFiles.Json(path)}}", "CertificatePassword": "{{password}}" }
        """;

    private static string Storage(string path) =>
        $$"""
        "Storage": { "Provider": "sqlite", "ConnectionString": "Data Source={{KeyRingCertificateFiles.Json(path)}}" }
        """;

    /// <summary>Signs in with a client that keeps no cookies and returns the cookies a browser would now send.</summary>
    private static async Task<string> SignInCookieAsync(DashboardAppFactory factory)
    {
        using var client = factory.CreateClient(new() { BaseAddress = AdminSession.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        using var page = await client.GetAsync("/admin/sign-in");
        var token = AdminSession.Token(await page.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-in")
        {
            Content = new FormUrlEncodedContent(
            [
                new("_handler", "admin-sign-in"), new("__RequestVerificationToken", token),
                new("Input.UserName", AdminSession.UserName), new("Input.Password", AdminSession.Password),
            ]),
        };
        post.Headers.Add("Cookie", Cookies(page));
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookies = Cookies(signedIn);
        Assert.Contains("Dashboard.Admin=", cookies, StringComparison.Ordinal);
        return cookies;
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    /// <summary>The failures the app (with an admin account) refused to start with; empty when it started.</summary>
    private static async Task<IReadOnlyList<string>> StartFailureAsync(string dataProtection, string environment = "Testing")
    {
        var hash = AdminCredentialsHash.Value;
        await using var app = new DashboardAppFactory(
            $$"""{ {{Dashboards}}, {{dataProtection}}, "Admin": { "UserName": "{{AdminSession.UserName}}", "PasswordHash": "{{hash}}" } }""");
        await using var configured = app.WithWebHostBuilder(builder => builder.UseEnvironment(environment));
        return StartupFailure.Of(configured)?.Failures.ToArray() ?? [];
    }

    private static readonly Lazy<string> AdminCredentialsHash = new(() => Dashboard.Admin.AdminCredentials.Hash(AdminSession.UserName, AdminSession.Password));
}
