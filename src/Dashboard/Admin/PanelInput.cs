using System.Globalization;
using Dashboard.Panels;

namespace Dashboard.Admin;

/// <summary>The per-field panel form (add a panel, edit a panel): type, source, unit, format, size and thresholds as fields.</summary>
public sealed class PanelInput
{
    /// <summary>The form's fields: error keys that have a place beside a field.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(
        ["Id", "Title", "Type", "Source", "Unit", "Format", "Width", "Height", "MaxItems", "Sparkline", "Thresholds", .. PanelExtraFields.All.Select(f => f.Name)],
        StringComparer.OrdinalIgnoreCase);

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

    /// <summary>The dashboard's version when the form was opened.</summary>
    public long? Version { get; set; }

    /// <summary><c>preview</c>: show the typed settings in the preview without saving; anything else saves.</summary>
    public string? Action { get; set; }

    private Dictionary<string, string?> extra = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The options without a hand-made field, by name (<see cref="PanelExtraFields"/>). Never null.</summary>
    public Dictionary<string, string?> Extra
    {
        get => extra;
        set => extra = value is null ? new(StringComparer.OrdinalIgnoreCase) : new(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The form for a stored panel; <see cref="ToPanel"/> gives the panel back (a label containing ';' cannot round-trip).</summary>
    public static PanelInput From(PanelOptions panel, long version) => new()
    {
        Id = panel.Id,
        Title = panel.Title,
        Type = panel.Type,
        Source = panel.Source,
        Unit = panel.Unit,
        Format = panel.Format,
        Width = panel.Width.ToString(CultureInfo.InvariantCulture),
        Height = panel.Height.ToString(CultureInfo.InvariantCulture),
        MaxItems = panel.MaxItems.ToString(CultureInfo.InvariantCulture),
        Sparkline = panel.Sparkline,
        Thresholds = string.Join("; ", panel.Thresholds.Select(t =>
            $"{t.Value.ToString("R", CultureInfo.InvariantCulture)} {t.Level}{(string.IsNullOrWhiteSpace(t.Label) ? "" : " " + t.Label)}")),
        Version = version,
        Extra = PanelExtraFields.ValuesOf(panel),
    };

    /// <summary>The panel the fields describe; what cannot be parsed is reported under its field's name. Options the form
    /// has no field for (table columns) are kept from <paramref name="basedOn"/>, the panel being edited.</summary>
    public PanelOptions ToPanel(AdminFieldErrors errors, PanelOptions? basedOn = null)
    {
        var panel = basedOn is null ? new PanelOptions() : System.Text.Json.JsonSerializer.Deserialize<PanelOptions>(System.Text.Json.JsonSerializer.Serialize(basedOn))!;
        panel.Id = string.IsNullOrWhiteSpace(Id) ? null : Id.Trim();
        panel.Title = (Title ?? "").Trim();
        panel.Type = (Type ?? PanelTypes.Stat).Trim().ToLowerInvariant();
        panel.Source = (Source ?? "").Trim();
        panel.Unit = string.IsNullOrWhiteSpace(Unit) ? null : Unit;
        panel.Format = string.IsNullOrWhiteSpace(Format) ? null : Format.Trim();
        panel.Sparkline = Sparkline;
        panel.Width = FormNumbers.ParseWhole(Width, nameof(Width), errors, 1);
        panel.Height = FormNumbers.ParseWhole(Height, nameof(Height), errors, 1);
        panel.MaxItems = FormNumbers.ParseWhole(MaxItems, nameof(MaxItems), errors, 10);
        panel.Thresholds = [];
        PanelExtraFields.Apply(panel, Extra, errors);
        foreach (var entry in (Thresholds ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !PanelTypes.ThresholdLevels.Contains(parts[1].ToLowerInvariant()))
            {
                errors.Add(nameof(Thresholds), $"'{entry}' is not 'value level [label]' with level {string.Join(", ", PanelTypes.ThresholdLevels)}");
                continue;
            }

            panel.Thresholds.Add(new ThresholdOptions { Value = value, Level = parts[1].ToLowerInvariant(), Label = parts.Length > 2 ? parts[2] : null });
        }

        return panel;
    }

    /// <summary>Files the messages of a dashboard save (keyed <c>Json</c> or general, e.g. <c>Panels:2:Source: unknown source 'x'</c>)
    /// under this form's fields when they concern the panel at <paramref name="panelIndex"/>; the rest stay general.
    /// Messages already keyed by one of this form's fields stay there.</summary>
    public static AdminFieldErrors FieldErrors(AdminFieldErrors saved, int panelIndex)
    {
        var errors = new AdminFieldErrors();
        foreach (var field in Fields)
        {
            foreach (var message in saved.For(field))
            {
                errors.Add(field, message);
            }
        }

        var prefix = $"Panels:{panelIndex}:";
        foreach (var message in saved.For("Json").Concat(saved.For(AdminFieldErrors.General)))
        {
            var rest = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : "";
            var separator = rest.IndexOf(": ", StringComparison.Ordinal);
            var key = separator < 0 ? "" : rest[..separator];
            var field = key.Split(':')[0];
            if (!Fields.Contains(field))
            {
                errors.Add(AdminFieldErrors.General, message);
                continue;
            }

            // "Thresholds:1:Level: …" keeps which threshold it is about.
            errors.Add(field, key == field ? FormMessages.ForField(rest[(separator + 2)..]) : rest);
        }

        return errors;
    }
}
