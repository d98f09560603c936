using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Bench;

/// <summary>One browser tab with the dashboard's Interactive Server components, doing on the wire what blazor.web.js
/// 10.0.12 does: load the page, open the <c>_blazor</c> hub (WebSockets, "blazorpack"), <c>StartCircuit</c>, add the
/// prerendered components with <c>UpdateRootComponents</c>, acknowledge every render batch, complete the JS calls the
/// server starts, and on close send the disconnect beacon. It applies no DOM: it only reads the batches'
/// <c>data-live-version</c>.</summary>
public sealed class CircuitViewer(CircuitTally tally)
{
    private const int JSObjectReferenceResult = 1;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private static readonly HashSet<string> Handled = ["JS.RenderBatch", "JS.BeginInvokeJS", "JS.Error"];

    private readonly TaskCompletionSource firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? connection;
    private string? circuitId;
    private long held;
    private long batches;
    private long jsObjects;
    private volatile bool stopping;
    private volatile bool closed;

    /// <summary>Completes with the circuit's first render batch.</summary>
    public Task FirstBatch => firstBatch.Task;

    public long Batches => Interlocked.Read(ref batches);

    /// <summary>The circuit started and its connection is still open.</summary>
    public bool Live => circuitId is not null && !closed && connection?.State == HubConnectionState.Connected;

    /// <summary>Loads <paramref name="page"/> with <paramref name="client"/> (whose BaseAddress is the app) and starts the
    /// circuit; failures are counted in the tally, not thrown.</summary>
    public async Task ConnectAsync(HttpClient client, string page, CookieContainer cookies, CancellationToken cancellationToken)
    {
        var baseUri = client.BaseAddress ?? throw new InvalidOperationException("the client needs a BaseAddress");
        try
        {
            var html = await client.GetStringAsync(page, cancellationToken);
            held = LiveRunner.RenderedVersion(html);
            var components = ServerComponents.Parse(html);
            if (components.Markers.Count == 0)
            {
                tally.Fail("no-components", $"{page} has no Interactive Server component marker (is the app in circuit mode?)");
                return;
            }

            connection = Connect(baseUri, cookies);
            await connection.StartAsync(cancellationToken);
            // blazor.web.js: StartCircuit(document.baseURI, location.href, JSON of its initial components (always [] in
            // a Blazor Web App), the page's application state), then the components arrive with UpdateRootComponents.
            circuitId = await connection.InvokeAsync<string?>("StartCircuit", baseUri.AbsoluteUri, new Uri(baseUri, page).AbsoluteUri, "[]", components.ApplicationState, cancellationToken);
            if (circuitId is null)
            {
                tally.Fail("start-circuit", "StartCircuit returned null");
                return;
            }

            await connection.SendAsync("UpdateRootComponents", components.AddOperations(), components.ApplicationState, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or WebSocketException or TimeoutException or OperationCanceledException or HubException or InvalidOperationException)
        {
            tally.Fail("connect", $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Closes the tab: the disconnect beacon blazor.web.js sends on pagehide (so the server disposes the
    /// circuit now rather than keeping it for reconnection), then the connection.</summary>
    public async Task StopAsync(HttpClient client)
    {
        stopping = true;
        if (circuitId is { } id)
        {
            using var form = new MultipartFormDataContent { { new StringContent(id), "circuitId" } };
            using var timeout = new CancellationTokenSource(CallTimeout);
            try
            {
                using var response = await client.PostAsync("_blazor/disconnect", form, timeout.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // The connection's close below ends the circuit too, after the server's retention period.
            }
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private HubConnection Connect(Uri baseUri, CookieContainer cookies)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets, options =>
        {
            options.Cookies = cookies;
            options.CloseTimeout = TimeSpan.FromSeconds(5);
        });
        // Registered last, so it replaces the builder's JSON protocol.
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol(failure =>
        {
            // Only the messages answered here must bind; the rest are dropped on purpose (see below).
            if (Handled.Contains(failure.Target))
            {
                tally.Fail("binding", $"{failure.Target}: {failure.BindingFailure.SourceException.Message}");
            }
        }));
        var hub = builder.Build();
        // The Blazor hub pings every 15 s and drops a client silent for 30 s; blazor.web.js uses the same values.
        hub.HandshakeTimeout = TimeSpan.FromSeconds(15);
        hub.KeepAliveInterval = TimeSpan.FromSeconds(15);
        hub.ServerTimeout = TimeSpan.FromSeconds(30);

        // The SignalR client runs handlers one at a time per connection, in arrival order: batches are acknowledged in order.
        hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        // (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType): the server's 6 arguments in 10.0.
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync, this);
        hub.On<string>("JS.Error", message => tally.Fail("js-error", message));
        // JS.AttachComponent, JS.EndUpdateRootComponents, JS.EndInvokeDotNet, JS.EndLocationChanging and the rest need
        // no answer: left unhandled, the client drops them.
        hub.Closed += error =>
        {
            closed = true;
            if (!stopping)
            {
                tally.Fail("closed", error?.Message ?? "the server closed the connection");
            }

            return Task.CompletedTask;
        };
        return hub;
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var version = RenderBatchReader.MaxLongAttribute(data, "data-live-version"u8);
        if (Interlocked.Increment(ref batches) == 1)
        {
            // The circuit's first render replaces the prerendered HTML: a start, not an update.
            held = Math.Max(held, version ?? 0);
            firstBatch.TrySetResult();
        }
        else
        {
            tally.Batch(version, ref held);
        }

        // The server stops rendering to a client ~10 batches behind on acknowledgements.
        await SendAsync("OnRenderCompleted", batchId, null);
    }

    private static Task OnBeginInvokeJSAsync(object?[] arguments, object state)
    {
        var viewer = (CircuitViewer)state;
        if (arguments[0] is not long handle || handle == 0)
        {
            return Task.CompletedTask; // handle 0: the server wants no answer
        }

        // blazor.web.js answers [handle, true, result] as JSON. The bench runs no script, so a result is null (what a
        // void function gives), except that a call wanting a JS object reference (result type 1, e.g. a module
        // import) gets a fresh one, as the browser would, so the component does not fail on a null reference.
        var result = arguments[3] is JSObjectReferenceResult
            ? string.Create(CultureInfo.InvariantCulture, $$"""{"__jsObjectId":{{Interlocked.Increment(ref viewer.jsObjects)}}}""")
            : "null";
        return viewer.SendAsync("EndInvokeJSFromDotNet", handle, true, string.Create(CultureInfo.InvariantCulture, $"[{handle},true,{result}]"));
    }

    private async Task SendAsync(string method, params object?[] arguments)
    {
        if (connection is null || stopping)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(CallTimeout);
        try
        {
            await connection.SendCoreAsync(method, arguments, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException or WebSocketException)
        {
            if (!stopping)
            {
                tally.Fail("send", $"{method}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
