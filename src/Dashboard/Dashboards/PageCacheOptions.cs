namespace Dashboard.Dashboards;

/// <summary>Reuse of a rendered dashboard page (ASP.NET Core output caching) while every panel on it is fresh.</summary>
public sealed class PageCacheOptions
{
    public const string Section = "Dashboard:PageCache";

    /// <summary>Longest time one rendering is reused. A page is reused only while all of its values are fresh, and
    /// never past the moment the first of them would go stale; <see cref="TimeSpan.Zero"/> turns reuse off.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The upper bound of <see cref="Duration"/>: relative times on the page ("5 s ago") drift by at most this.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(1);
}
