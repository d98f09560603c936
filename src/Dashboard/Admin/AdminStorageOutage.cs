using Dashboard.Storage;

namespace Dashboard.Admin;

/// <summary>Storage outages in the admin area, told plainly: any admin request (page, post, export) that fails because
/// storage cannot be reached answers 503 with <see cref="Message"/> instead of the generic error page. Form posts do
/// better where they can: the page catches the outage itself (<see cref="MarkUnavailable"/>) and shows the form again
/// with what was typed.</summary>
public static class AdminStorageOutage
{
    public const string Message = "Storage is unavailable; nothing was saved; try again.";

    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const string RetryAfterSeconds = "5";

    public static IApplicationBuilder UseAdminStorageOutage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/admin"))
            {
                await next(context);
                return;
            }

            try
            {
                await next(context);
            }
            catch (Exception ex) when (StorageFaults.IsStorageError(ex) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminStorageOutage))
                    .LogWarning(ex, "Admin request {Method} {Path} answered 503: storage unavailable", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                MarkUnavailable(context);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Storage unavailable · Dashboard admin</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/dashboard.css\"></head><body><main id=\"main\"><h1>Storage unavailable</h1>"
                    + $"<p role=\"alert\">{Message}</p><p>The dashboards keep showing their last values meanwhile. "
                    + "<a href=\"\">Try again</a> in a moment.</p></main></body></html>",
                    context.RequestAborted);
            }
        });

    /// <summary>A page's read of the stored configuration. During a form post a storage outage gives an empty snapshot
    /// and marks the response 503, so the page shows the posted form again (with <see cref="Message"/>, from
    /// <see cref="SaveAsync"/>) instead of losing it; on any other request the outage goes on to the 503 page.</summary>
    public static async Task<StoredConfigSnapshot> LoadForFormAsync(HttpContext context, Func<CancellationToken, Task<StoredConfigSnapshot>> load)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(load);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return await load(context.RequestAborted);
        }

        try
        {
            return await load(context.RequestAborted);
        }
        catch (Exception ex) when (StorageFaults.IsStorageError(ex) && !context.RequestAborted.IsCancellationRequested)
        {
            MarkUnavailable(context);
            return new StoredConfigSnapshot(0, ConfigRules.Provisioning, []); // Nothing read: the page shows what was posted.
        }
    }

    /// <summary>A form's save: on a storage outage (now, or already met by <see cref="LoadForFormAsync"/>) nothing is
    /// saved, the response is 503 and the outcome carries <see cref="Message"/> for the page to show above the form.</summary>
    public static async Task<AdminSaveOutcome> SaveAsync(HttpContext context, Func<Task<AdminSaveOutcome>> save)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(save);
        if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            return AdminSaveOutcome.Conflicted(Message);
        }

        try
        {
            return await save();
        }
        catch (Exception ex) when (StorageFaults.IsStorageError(ex) && !context.RequestAborted.IsCancellationRequested)
        {
            MarkUnavailable(context);
            return AdminSaveOutcome.Conflicted(Message);
        }
    }

    /// <summary>503 with Retry-After: for a page that shows the message itself (with the user's form input).</summary>
    public static void MarkUnavailable(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        context.Response.Headers.CacheControl = "no-store";
    }
}
