using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Dashboard.Bench;

/// <summary>The Blazor hub's "blazorpack" protocol: on the wire it is SignalR's MessagePack protocol, but the hub
/// accepts it only under that name (aspnetcore BlazorPackHubProtocol; blazor.web.js 10.0.12 also sends a
/// MessagePackHubProtocol renamed, with its version 2). Reports messages the client could not bind, which the
/// SignalR client would otherwise drop silently.</summary>
public sealed class BlazorPackProtocol(Action<InvocationBindingFailureMessage> bindingFailed) : IHubProtocol
{
    private readonly MessagePackHubProtocol inner = new();

    public string Name => "blazorpack";

    public int Version => inner.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var parsed = inner.TryParseMessage(ref input, binder, out message);
        if (message is InvocationBindingFailureMessage failure)
        {
            bindingFailed(failure);
        }

        return parsed;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
}
