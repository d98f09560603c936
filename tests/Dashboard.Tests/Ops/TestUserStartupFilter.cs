using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Dashboard.Tests.Ops;

/// <summary>Signs a request in when it carries <c>X-Test-User</c>, standing in for the admin sign-in that
/// comes later: /health only looks at <c>User.Identity.IsAuthenticated</c>.</summary>
public sealed class TestUserStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-User";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var name))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name.ToString())], "test"));
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
