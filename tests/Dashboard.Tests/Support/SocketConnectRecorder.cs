using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Dashboard.Tests.Support;

/// <summary>Records the address of every socket connect attempt in this process (the runtime's
/// <c>System.Net.Sockets</c> ConnectStart event), to prove that no connection was even tried.</summary>
public sealed class SocketConnectRecorder : EventListener
{
    private readonly ConcurrentQueue<string> addresses = new();

    /// <summary>Socket addresses as the runtime prints them, e.g. <c>InterNetwork:16:{0,80,127,0,0,1,…}</c>.</summary>
    public IReadOnlyCollection<string> Addresses => addresses;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Net.Sockets")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "ConnectStart" && eventData.Payload is [string address, ..])
        {
            addresses.Enqueue(address);
        }
    }
}
