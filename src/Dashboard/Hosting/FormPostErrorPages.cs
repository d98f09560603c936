using Dashboard.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace Dashboard.Hosting;

/// <summary>A form post that the framework refuses (antiforgery, unknown form) gets a 400 with a line of plain text for
/// developers, or an empty page. This middleware holds back the response of a post to a page until its status is known;
/// a 400 is then replaced by the app's own status page with a reason for people (reload the form and submit it again),
/// through the status code pages that re-execute empty error responses. Any other status passes through untouched,
/// streaming included.</summary>
public static class FormPostErrorPages
{
    public static IApplicationBuilder UseFormPostErrorPages(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The status page re-executed for a refused post: render it as a page view (the status code pages keep the
            // method, and a post would be handled as that refused form again).
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null && HttpMethods.IsPost(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
            }

            if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            {
                await next(context);
                return;
            }

            var original = context.Response.Body;
            var guard = new BadRequestGuard(context.Response, original);
            context.Response.Body = guard;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            if (guard.HeldBack && context.Response.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted)
            {
                // Nothing reached the client (outside Development the framework sends no text at all): clear what it set,
                // so the status code pages render the status page in its place.
                context.Response.Headers.ContentType = default;
                context.Response.ContentLength = null;
                var tokenRefused = context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };
                StatusPageReason.Set(context, tokenRefused ? StatusPageReason.FormExpired : StatusPageReason.FormUnknown);
            }
        });

    /// <summary>Decides at the first write or flush: a 400's body (the framework's text) is held back and dropped, any
    /// other status is passed through from then on.</summary>
    private sealed class BadRequestGuard(HttpResponse response, Stream inner) : Stream
    {
        private bool? capturing;

        /// <summary>Nothing was passed through: the response was a 400 or wrote nothing at all.</summary>
        public bool HeldBack => capturing != false;

        private bool Capturing => capturing ??= response.StatusCode == StatusCodes.Status400BadRequest;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!Capturing)
            {
                inner.Write(buffer);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            return Capturing ? ValueTask.CompletedTask : inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush()
        {
            if (!Capturing)
            {
                inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Capturing ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
