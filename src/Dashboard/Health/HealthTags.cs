namespace Dashboard.Health;

/// <summary>Tags that select health checks per endpoint.</summary>
public static class HealthTags
{
    /// <summary>Needed to serve: run by /readyz and /health.</summary>
    public const string Ready = "ready";

    /// <summary>Informational (source states): run by /health only; never makes the app unready.</summary>
    public const string Detail = "detail";
}
