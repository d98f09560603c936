using System.Globalization;
using Dashboard.Panels;

namespace Dashboard.Admin;

/// <summary>The "add a panel" form: type, source, unit, format, size and thresholds as fields.</summary>
public sealed class PanelInput
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Type { get; set; } = PanelTypes.Stat;

    public string? Source { get; set; }

    public string? Unit { get; set; }

    public string? Format { get; set; }

    public string? Width { get; set; } = "1";

    public string? Height { get; set; } = "1";

    public string? MaxItems { get; set; } = "10";

    public bool Sparkline { get; set; }

    /// <summary>One threshold per line or separated by ';': <c>value level [label]</c>, e.g. <c>0 critical Low; 1000 ok</c>.</summary>
    public string? Thresholds { get; set; }

    public long? Version { get; set; }

    public PanelOptions ToPanel(List<string> errors)
    {
        var panel = new PanelOptions
        {
            Id = string.IsNullOrWhiteSpace(Id) ? null : Id.Trim(),
            Title = (Title ?? "").Trim(),
            Type = (Type ?? PanelTypes.Stat).Trim().ToLowerInvariant(),
            Source = (Source ?? "").Trim(),
            Unit = string.IsNullOrWhiteSpace(Unit) ? null : Unit,
            Format = string.IsNullOrWhiteSpace(Format) ? null : Format.Trim(),
            Sparkline = Sparkline,
            Width = Int(Width, "Width", 1, errors),
            Height = Int(Height, "Height", 1, errors),
            MaxItems = Int(MaxItems, "MaxItems", 10, errors),
        };
        foreach (var entry in (Thresholds ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || parts[1].ToLowerInvariant() is not ("ok" or "warn" or "critical"))
            {
                errors.Add($"Thresholds: '{entry}' is not 'value level [label]' with level ok, warn or critical");
                continue;
            }

            panel.Thresholds.Add(new ThresholdOptions { Value = value, Level = parts[1].ToLowerInvariant(), Label = parts.Length > 2 ? parts[2] : null });
        }

        return panel;
    }

    private static int Int(string? text, string field, int fallback, List<string> errors)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"{field}: '{text}' is not a whole number");
        return fallback;
    }
}
