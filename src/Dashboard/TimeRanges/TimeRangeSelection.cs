namespace Dashboard.TimeRanges;

/// <summary>The range one page view shows and the window its sources get. <paramref name="Problem"/>: the URL named a range
/// that cannot be shown (said on the page; the dashboard's default is shown instead). <paramref name="FromUrl"/>: the
/// range is the URL's, not the default.</summary>
public sealed record TimeRangeSelection(TimeRange Range, TimeWindow Window, string? Problem, bool FromUrl)
{
    /// <summary>Identifies what the page shows for the output cache: the range and where its window ends now.</summary>
    public string CacheKey => $"{Window.Key}@{Window.To.UtcTicks}";
}
