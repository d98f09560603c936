using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dashboard.Panels;

namespace Dashboard.Admin;

/// <summary>The per-field panel form (add a panel, edit a panel): type, source, unit, format, size and thresholds as fields.</summary>
public sealed class PanelInput
{
    /// <summary>The form's fields: error keys that have a place beside a field.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "Title", "Type", "Source", "Unit", "Format", "Width", "Height", "MaxItems", "Sparkline", "Thresholds",
        "Decimals", "ChartStyle", "ThresholdStyle", "Orientation", "Sort", "TopN", "Min", "Max", "HideLegend", "Columns",
    };

    private static readonly JsonSerializerOptions ColumnJson = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

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

    // Chart and table options (README's panel table); empty means the default.
    public string? Decimals { get; set; }

    public string? ChartStyle { get; set; }

    public string? ThresholdStyle { get; set; }

    public string? Orientation { get; set; }

    public string? Sort { get; set; }

    public string? TopN { get; set; }

    public string? Min { get; set; }

    public string? Max { get; set; }

    /// <summary>Inverted <see cref="PanelOptions.Legend"/>, so an unticked box (posted as nothing) keeps the default.</summary>
    public bool HideLegend { get; set; }

    /// <summary><see cref="PanelOptions.Columns"/> as a JSON array, e.g. <c>[{"Name": "total", "Format": "currency:EUR"}]</c>.</summary>
    public string? Columns { get; set; }

    /// <summary>The dashboard's version when the form was opened.</summary>
    public long? Version { get; set; }

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
        Decimals = panel.Decimals?.ToString(CultureInfo.InvariantCulture),
        ChartStyle = panel.ChartStyle,
        ThresholdStyle = panel.ThresholdStyle,
        Orientation = panel.Orientation,
        Sort = panel.Sort,
        TopN = panel.TopN?.ToString(CultureInfo.InvariantCulture),
        Min = panel.Min?.ToString("R", CultureInfo.InvariantCulture),
        Max = panel.Max?.ToString("R", CultureInfo.InvariantCulture),
        HideLegend = !panel.Legend,
        Columns = panel.Columns.Count == 0 ? null : ColumnsText(panel.Columns),
        Version = version,
    };

    private static string ColumnsText(List<ColumnOptions> columns)
    {
        var array = JsonSerializer.SerializeToNode(columns, ColumnJson)!.AsArray();
        foreach (var column in array.OfType<JsonObject>())
        {
            if (column["Thresholds"] is JsonArray { Count: 0 })
            {
                column.Remove("Thresholds");
            }
        }

        return array.ToJsonString();
    }

    /// <summary>The panel the fields describe; what cannot be parsed is reported under its field's name.</summary>
    public PanelOptions ToPanel(AdminFieldErrors errors)
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
            Width = FormNumbers.ParseWhole(Width, nameof(Width), errors, 1),
            Height = FormNumbers.ParseWhole(Height, nameof(Height), errors, 1),
            MaxItems = FormNumbers.ParseWhole(MaxItems, nameof(MaxItems), errors, 10),
            Decimals = Blank(Decimals) ? null : FormNumbers.ParseWhole(Decimals, nameof(Decimals), errors, 0),
            ChartStyle = Choice(ChartStyle),
            ThresholdStyle = Choice(ThresholdStyle),
            Orientation = Choice(Orientation),
            Sort = Choice(Sort),
            TopN = Blank(TopN) ? null : FormNumbers.ParseWhole(TopN, nameof(TopN), errors, 10),
            Min = Blank(Min) ? null : FormNumbers.ParseDecimal(Min, nameof(Min), errors, 0),
            Max = Blank(Max) ? null : FormNumbers.ParseDecimal(Max, nameof(Max), errors, 0),
            Legend = !HideLegend,
            Columns = ParseColumns(errors),
        };
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

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string? Choice(string? text) => Blank(text) ? null : text!.Trim().ToLowerInvariant();

    private List<ColumnOptions> ParseColumns(AdminFieldErrors errors)
    {
        if (Blank(Columns))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<ColumnOptions>>(Columns!, ColumnJson) ?? [];
        }
        catch (JsonException ex)
        {
            errors.Add(nameof(Columns), $"not a JSON array of columns, e.g. [{{\"Name\": \"total\", \"Format\": \"currency:EUR\"}}] ({ex.Message})");
            return [];
        }
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
