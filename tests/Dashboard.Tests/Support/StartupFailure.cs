using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Support;

/// <summary>The options validation failure that stopped an app from starting, wherever the host wrapped it.</summary>
public static class StartupFailure
{
    /// <summary>Starts the app (first client) and returns the validation failure it refused to start with, or null.</summary>
    public static OptionsValidationException? Of(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app) =>
        FindInChain<OptionsValidationException>(Record.Exception(() => app.CreateClient().Dispose()));

    public static T? FindInChain<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Select(FindInChain<T>).FirstOrDefault(x => x is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
