namespace Dashboard.Panels.Charts;

/// <summary>Series colours as classes (the stylesheet holds a light and a dark variant of each): ten hues that stay
/// apart for common colour-blindness, then the same hues dashed, then dotted, so series 11–30 are still told apart.</summary>
public static class SeriesPalette
{
    public const int Colours = 10;

    public static string ClassFor(int index) => (index / Colours % 3) switch
    {
        0 => $"series-{index % Colours}",
        1 => $"series-{index % Colours} dashed",
        _ => $"series-{index % Colours} dotted",
    };
}
