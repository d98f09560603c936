namespace Dashboard.Panels;

/// <summary>"just now", "42 s ago", "3 min ago", "2 h ago", "5 d ago".</summary>
public static class RelativeTime
{
    public static string Describe(TimeSpan age) => age switch
    {
        { TotalSeconds: < 2 } => "just now",
        { TotalMinutes: < 1 } => $"{(int)age.TotalSeconds} s ago",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min ago",
        { TotalDays: < 1 } => $"{(int)age.TotalHours} h ago",
        _ => $"{(int)age.TotalDays} d ago",
    };
}
