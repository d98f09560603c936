namespace Dashboard.Dashboards;

/// <summary>Reuse of a rendered dashboard page (ASP.NET Core output caching) while every panel on it is fresh.</summary>
public sealed class PageCacheOptions
{
    public const string Section = "Dashboard:PageCache";

    /// <summary>Longest time one rendering is reused. A page is reused only while all of its values are fresh, and
    /// never past the moment the first of them would go stale; <see cref="TimeSpan.Zero"/> turns reuse off.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most memory stored pages may hold, in megabytes (the framework's default is 100). A stored page lives about a
    /// second and weighs ~10 KB compressed (~60 KB not), so a few megabytes hold every dashboard in every encoding; when
    /// full, a page is simply rendered instead of stored.</summary>
    public int SizeLimitMegabytes { get; set; } = 8;

    /// <summary>The upper bound of <see cref="Duration"/>: relative times on the page ("5 s ago") drift by at most this.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(1);
}
