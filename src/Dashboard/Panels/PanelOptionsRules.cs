using System.Globalization;
using Dashboard.Panels.Formatting;

namespace Dashboard.Panels;

/// <summary>The display options of one panel, checked with the rest of the configuration
/// (<c>DashboardConfigValidator</c>); each message names its key, e.g. <c>…:Panels:3:Columns:1:Format: …</c>.</summary>
public static class PanelOptionsRules
{
    public static readonly IReadOnlyList<string> ChartStyles = ["line", "area"];
    public static readonly IReadOnlyList<string> ThresholdStyles = ["lines", "bands", "lines+bands", "off"];
    public static readonly IReadOnlyList<string> Orientations = ["horizontal", "vertical"];
    public static readonly IReadOnlyList<string> Sorts = ["desc", "asc", "none"];

    public const int MaxTopN = 50;
    public const int MaxDecimals = 10;

    public static void Check(string key, PanelOptions panel, List<string> errors)
    {
        CheckFormat($"{key}:Format", panel.Format, panel.Decimals, errors);
        CheckDecimals($"{key}:Decimals", panel.Decimals, errors);
        CheckThresholds($"{key}:Thresholds", panel.Thresholds, errors);
        CheckChoice($"{key}:ChartStyle", panel.ChartStyle, ChartStyles, errors);
        CheckChoice($"{key}:ThresholdStyle", panel.ThresholdStyle, ThresholdStyles, errors);
        CheckChoice($"{key}:Orientation", panel.Orientation, Orientations, errors);
        CheckChoice($"{key}:Sort", panel.Sort, Sorts, errors);
        if (panel.TopN is < 1 or > MaxTopN)
        {
            errors.Add($"{key}:TopN: {panel.TopN} must be between 1 and {MaxTopN}");
        }

        foreach (var (name, bound) in new[] { ("Min", panel.Min), ("Max", panel.Max) })
        {
            if (bound is { } b && !double.IsFinite(b))
            {
                errors.Add($"{key}:{name}: must be a finite number");
            }
        }

        if (panel.Min is { } min && panel.Max is { } max && min >= max)
        {
            errors.Add($"{key}:Max: {Text(max)} must be greater than Min ({Text(min)})");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < panel.Columns.Count; k++)
        {
            var column = panel.Columns[k];
            var columnKey = $"{key}:Columns:{k}";
            if (string.IsNullOrWhiteSpace(column.Name))
            {
                errors.Add($"{columnKey}:Name: required (the source's column name)");
            }
            else if (!names.Add(column.Name))
            {
                errors.Add($"{columnKey}:Name: column '{column.Name}' is listed twice");
            }

            CheckFormat($"{columnKey}:Format", column.Format, column.Decimals, errors);
            CheckDecimals($"{columnKey}:Decimals", column.Decimals, errors);
            CheckThresholds($"{columnKey}:Thresholds", column.Thresholds, errors);
        }
    }

    private static void CheckFormat(string key, string? format, int? decimals, List<string> errors)
    {
        if (ValueFormat.Parse(format, decimals, out var error) is null)
        {
            errors.Add($"{key}: {error}");
        }
    }

    private static void CheckDecimals(string key, int? decimals, List<string> errors)
    {
        if (decimals is < 0 or > MaxDecimals)
        {
            errors.Add($"{key}: {decimals} must be between 0 and {MaxDecimals}");
        }
    }

    private static void CheckThresholds(string key, IReadOnlyList<ThresholdOptions> thresholds, List<string> errors)
    {
        for (var k = 0; k < thresholds.Count; k++)
        {
            if (!PanelTypes.ThresholdLevels.Contains(thresholds[k].Level, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{key}:{k}:Level: '{thresholds[k].Level}' must be one of {string.Join(", ", PanelTypes.ThresholdLevels)}");
            }

            if (!double.IsFinite(thresholds[k].Value))
            {
                errors.Add($"{key}:{k}:Value: must be a finite number");
            }
        }
    }

    private static void CheckChoice(string key, string? value, IReadOnlyList<string> choices, List<string> errors)
    {
        if (value is not null && !choices.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{key}: '{value}' must be one of {string.Join(", ", choices)}");
        }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
