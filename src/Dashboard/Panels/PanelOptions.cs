namespace Dashboard.Panels;

/// <summary>One panel on a dashboard (bound from <c>Dashboard:Dashboards:{i}:Panels:{j}</c>).
/// Checked by <see cref="PanelOptionsRules"/>; README's panel table documents each option.</summary>
public sealed class PanelOptions
{
    /// <summary>Unique within its dashboard; defaults to <c>panel-{index}</c>.</summary>
    public string? Id { get; set; }

    /// <summary>One of <see cref="PanelTypes.All"/>.</summary>
    public string Type { get; set; } = PanelTypes.Stat;

    public string Title { get; set; } = "";

    /// <summary>Name of a source under <c>Dashboard:Sources</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>Shown after a value, e.g. <c>ms</c>, <c>€</c>, <c>%</c>.</summary>
    public string? Unit { get; set; }

    /// <summary>How values are written: a named format (<see cref="Formatting.ValueFormat"/>: <c>number</c>, <c>percent</c>,
    /// <c>currency:EUR</c>, <c>bytes</c>, <c>duration:ms</c>, <c>datetime</c>, <c>relative</c>…) or a .NET numeric
    /// format, e.g. <c>N0</c>, <c>0.0</c>, <c>P1</c>.</summary>
    public string? Format { get; set; }

    /// <summary>Decimals for named numeric formats (0–10); automatic when not set.</summary>
    public int? Decimals { get; set; }

    /// <summary>Colour bands: the highest threshold at or below a value sets its level (stat, gauge, chart lines).</summary>
    public List<ThresholdOptions> Thresholds { get; set; } = [];

    /// <summary>Grid columns spanned (1–4).</summary>
    public int Width { get; set; } = 1;

    /// <summary>Size in grid rows (1–3): the loading skeleton's height, the chart's height, and the most a table or
    /// list grows to before it scrolls; a loaded panel otherwise takes the height of its content.</summary>
    public int Height { get; set; } = 1;

    /// <summary>Stat panels draw a sparkline of the source's recent values.</summary>
    public bool Sparkline { get; set; } = true;

    /// <summary>Items shown by list panels.</summary>
    public int MaxItems { get; set; } = 10;

    /// <summary>Timeseries: <c>line</c> (default) or <c>area</c>.</summary>
    public string? ChartStyle { get; set; }

    /// <summary>Timeseries and bar: <c>lines</c> (default), <c>bands</c>, <c>lines+bands</c> or <c>off</c>.</summary>
    public string? ThresholdStyle { get; set; }

    /// <summary>Bar: <c>horizontal</c> (default) or <c>vertical</c>.</summary>
    public string? Orientation { get; set; }

    /// <summary>Bar: <c>desc</c> (default), <c>asc</c> or <c>none</c> (source order).</summary>
    public string? Sort { get; set; }

    /// <summary>Bar: categories drawn (1–50, default 10); the rest are summed into one "Other" bar.</summary>
    public int? TopN { get; set; }

    /// <summary>Gauge range (default 0 and a round number above the value and thresholds); for charts, fixed y-axis
    /// bounds instead of automatic ones.</summary>
    public double? Min { get; set; }

    /// <inheritdoc cref="Min"/>
    public double? Max { get; set; }

    /// <summary>Timeseries: the legend (last, min, max per series) under the chart; on by default.</summary>
    public bool Legend { get; set; } = true;

    /// <summary>Table: per-column title, format, unit, thresholds and visibility; listed columns come first, in
    /// this order, the others follow as the source has them.</summary>
    public List<ColumnOptions> Columns { get; set; } = [];
}

public sealed class ThresholdOptions
{
    public double Value { get; set; }

    /// <summary><c>ok</c>, <c>warn</c> or <c>critical</c>.</summary>
    public string Level { get; set; } = "ok";

    /// <summary>Text shown with the colour, so the meaning never rests on colour alone.</summary>
    public string? Label { get; set; }
}
