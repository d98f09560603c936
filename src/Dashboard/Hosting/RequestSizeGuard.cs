using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dashboard.Hosting;

/// <summary>Answers 413 with a readable message for a request bigger than its endpoint's size limit
/// (<c>[RequestSizeLimit]</c> metadata), before anything reads the body. Routing already applies that limit to the
/// server's body-size feature, so Kestrel stops a body without a length at the limit as well; this adds the clear
/// answer for the common case (a declared length) and for a chunked form that overran it.</summary>
public static class RequestSizeGuard
{
    public static IApplicationBuilder UseRequestSizeGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
            if (limit is null || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            if (context.Request.ContentLength > limit)
            {
                await RejectAsync(context, limit.Value);
                return;
            }

            if (context.Request.ContentLength is null && context.Request.HasFormContentType)
            {
                // Read here, under the limit the server enforces, so an overrun is answered as such rather than as a
                // bad form token; the form is kept for the page.
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    await RejectAsync(context, limit.Value);
                    return;
                }
            }

            await next(context);
        });

    /// <summary>No body here: the status code pages render the app's status page with this reason.</summary>
    private static Task RejectAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var kib = (limit / 1024).ToString(CultureInfo.InvariantCulture);
        Components.StatusPageReason.Set(context, $"The request is larger than this page accepts ({kib} KiB). Nothing was changed.");
        return Task.CompletedTask;
    }
}
