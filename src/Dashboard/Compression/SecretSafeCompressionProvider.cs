using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Dashboard.Compression;

/// <summary>The framework's provider (Brotli, then gzip, per Accept-Encoding and MIME type) with the app's BREACH rule
/// (<see cref="CompressionRule"/>) applied when a response starts, once authentication has set the user, and a bound on
/// responses compressed at once (<see cref="CompressionSlots"/>).</summary>
public sealed class SecretSafeCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options, CompressionSlots slots) : IResponseCompressionProvider
{
    private readonly ResponseCompressionProvider inner = new(services, options);

    public ICompressionProvider? GetCompressionProvider(HttpContext context) => inner.GetCompressionProvider(context);

    public bool CheckRequestAcceptsCompression(HttpContext context) => inner.CheckRequestAcceptsCompression(context);

    public bool ShouldCompressResponse(HttpContext context)
    {
        if (CompressionRule.MayCarrySecrets(context.Request.PathBase.Add(context.Request.Path), context.User.Identity?.IsAuthenticated == true))
        {
            return false;
        }

        // Blazor marks a streamed page "Content-Encoding: identity" (no encoding at all) only so that compression, which
        // might buffer, leaves it alone. This compression does not buffer: the renderer also disables buffering, so the
        // compressing body flushes after every write and passes every batch's flush on. The marker goes, the page is compressed.
        var headers = context.Response.Headers;
        if (string.Equals(headers.ContentEncoding, IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = default;
        }

        if (!inner.ShouldCompressResponse(context) || !slots.TryTake())
        {
            return false;
        }

        // Runs when the response is over, finished or aborted, after the encoder is disposed.
        context.Response.OnCompleted(static state => { ((CompressionSlots)state).Release(); return Task.CompletedTask; }, slots);
        return true;
    }

    private const string IdentityEncoding = "identity";

    /// <summary>The encoding this request's response would get ("br", "gzip"), or "identity": part of the page cache's
    /// key, so a stored compressed page is only ever served to a client that asked for that encoding.</summary>
    public static string EncodingFor(HttpContext context)
    {
        var provider = context.RequestServices?.GetService<IResponseCompressionProvider>();
        return provider is not null && provider.CheckRequestAcceptsCompression(context)
            ? provider.GetCompressionProvider(context)?.EncodingName ?? IdentityEncoding
            : IdentityEncoding;
    }
}
