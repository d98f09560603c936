namespace Dashboard.Components;

/// <summary>What the status page says for a request that failed before it could render anything of its own: set where
/// the failure is known (a form post the framework refused, an oversize request), read when the status page is
/// re-executed for that request (the same HttpContext).</summary>
public static class StatusPageReason
{
    private const string ItemKey = "Dashboard.StatusPageReason";

    /// <summary>The antiforgery token was missing, expired or from another key ring.</summary>
    public const string FormExpired =
        "This form had expired: its security token was missing or no longer valid (after a restart, signing in or out in "
        + "another tab, or a long pause). Nothing was changed. Reload the form, then enter your changes again and submit it.";

    /// <summary>The post named no form of the page, or one the page no longer has.</summary>
    public const string FormUnknown =
        "The page no longer has the form you sent (it may have changed since you opened it). Nothing was changed. Reload the page, then submit the form again.";

    public static void Set(HttpContext context, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ItemKey] = reason;
    }

    public static string? Get(HttpContext? context) => context?.Items[ItemKey] as string;
}
