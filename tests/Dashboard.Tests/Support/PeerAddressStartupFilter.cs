using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Dashboard.Tests.Support;

/// <summary>Gives every request the immediate peer address a test chooses, as the connection would. TestServer has
/// none, and with none the framework's forwarded-headers middleware would accept any X-Forwarded-For.</summary>
public sealed class PeerAddressStartupFilter(IPAddress peer) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = peer;
            return nextMiddleware(context);
        });
        next(app);
    };
}
