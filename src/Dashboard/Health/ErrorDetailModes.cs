namespace Dashboard.Health;

/// <summary>Values of <see cref="HealthOptions.ShowErrorDetails"/>.</summary>
public static class ErrorDetailModes
{
    public const string Always = "always";
    public const string Authenticated = "authenticated";
    public const string Never = "never";

    public static string? Normalize(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        Always => Always,
        Authenticated => Authenticated,
        Never => Never,
        _ => null,
    };
}
