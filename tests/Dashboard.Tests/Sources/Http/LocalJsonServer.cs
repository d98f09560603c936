using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Sources.Http;

/// <summary>A real Kestrel server on 127.0.0.1 (port 0) serving the upstream behaviours the HTTP source must cope with.
/// A real socket matters: TestServer may buffer bodies, which would hide whether the size limit acts while streaming.</summary>
public sealed class LocalJsonServer : IAsyncLifetime
{
    public const string HeaderSecret = "hdr-S3cret-9f2";
    public const string QuerySecret = "qry S3cret&=/+7";

    // Endless bodies stop here at the latest, so a broken client cannot make a test run forever.
    public const long EndlessCap = 256L * 1024 * 1024;

    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> arrivals = new();
    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; } = new();

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    /// <summary>Completes when a request for <c>/hang/{id}</c> or <c>/hang-body/{id}</c> has reached the server.</summary>
    public Task ArrivalOf(string id) => arrivals.GetOrAdd(id, _ => NewSignal()).Task;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        Map(app);
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        // Release hanging handlers first, so stopping does not wait for them.
        await stopping.CancelAsync();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Client.Dispose();
        stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Map(WebApplication web)
    {
        web.MapGet("/value", context => Json(context, """{"data":{"items":[{"price":1.5},{"price":2.5}]},"count":42,"label":"héllo"}"""));
        web.MapPost("/echo", async context =>
        {
            var isJson = context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            await Json(context, isJson ? body : """{"error":"not json"}""");
        });
        // What arrived, as one string: the raw target (path and query as sent), one header and the body.
        web.MapMethods("/echo-request/{**rest}", ["GET", "POST"], async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            var seen = $"{target}|{context.Request.Headers["X-Range"]}|{body}";
            await Json(context, $$"""{"seen":{{System.Text.Json.JsonSerializer.Serialize(seen)}}}""");
        });
        web.MapGet("/secure", context =>
        {
            var ok = context.Request.Headers["X-Api-Key"] == HeaderSecret
                && context.Request.Headers.Authorization == "Bearer " + HeaderSecret
                && context.Request.Query["token"] == QuerySecret;
            context.Response.StatusCode = ok ? 200 : 401;
            var plain = System.Text.Json.JsonSerializer.Serialize(context.Request.Query["plain"].ToString());
            return Json(context, ok ? $$"""{"ok":true,"plain":{{plain}}}""" : """{"ok":false}""");
        });
        web.MapGet("/leaky", context =>
            Json(context, $$"""{"seen":{{System.Text.Json.JsonSerializer.Serialize(context.Request.Headers["X-Api-Key"].ToString())}}}"""));
        web.MapGet("/status/{code:int}", context =>
        {
            context.Response.StatusCode = int.Parse((string)context.Request.RouteValues["code"]!, System.Globalization.CultureInfo.InvariantCulture);
            return Json(context, """{"error":"upstream says no"}""");
        });
        web.MapGet("/invalid", context => Json(context, """{"a": tru"""));
        web.MapGet("/exact/{size:int}", context =>
        {
            // A JSON string of exactly `size` bytes: quotes plus filler.
            var size = int.Parse((string)context.Request.RouteValues["size"]!, System.Globalization.CultureInfo.InvariantCulture);
            return Json(context, "\"" + new string('x', size - 2) + "\"");
        });
        web.MapGet("/endless", Endless);
        web.MapGet("/declared-big", async context =>
        {
            context.Response.ContentLength = EndlessCap;
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await WaitForEnd(context);
        });
        web.MapGet("/hang/{id}", async context =>
        {
            arrivals.GetOrAdd((string)context.Request.RouteValues["id"]!, _ => NewSignal()).TrySetResult();
            await WaitForEnd(context);
        });
        web.MapGet("/hang-body/{id}", async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"a":""", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            arrivals.GetOrAdd((string)context.Request.RouteValues["id"]!, _ => NewSignal()).TrySetResult();
            await WaitForEnd(context);
        });
    }

    // Chunked (no Content-Length) and never ending on its own: only the client's limit can stop it.
    private async Task Endless(HttpContext context)
    {
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1,", 4096)));
        long written = 0;
        try
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync("["u8.ToArray(), context.RequestAborted);
            while (written < EndlessCap && !stopping.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                written += chunk.Length;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client hung up, as it should.
        }
    }

    // A never-completing wait that still ends when the client aborts or the fixture stops (no sleeping).
    private async Task WaitForEnd(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await never.Task.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            // Client gone or server stopping.
        }
    }

    private static Task Json(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
