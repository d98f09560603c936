namespace Dashboard.Panels;

/// <summary>One panel on a dashboard (bound from <c>Dashboard:Dashboards:{i}:Panels:{j}</c>).</summary>
public sealed class PanelOptions
{
    /// <summary>Unique within its dashboard; defaults to <c>panel-{index}</c>.</summary>
    public string? Id { get; set; }

    /// <summary><c>stat</c>, <c>table</c>, <c>list</c> or <c>status</c>.</summary>
    public string Type { get; set; } = PanelTypes.Stat;

    public string Title { get; set; } = "";

    /// <summary>Name of a source under <c>Dashboard:Sources</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>Shown after a stat value, e.g. <c>ms</c>, <c>€</c>, <c>%</c>.</summary>
    public string? Unit { get; set; }

    /// <summary>A .NET numeric format for stat values, e.g. <c>N0</c>, <c>0.0</c>, <c>P1</c>.</summary>
    public string? Format { get; set; }

    /// <summary>Colour bands for a stat: the highest threshold at or below the value wins.</summary>
    public List<ThresholdOptions> Thresholds { get; set; } = [];

    /// <summary>Grid columns spanned (1–4).</summary>
    public int Width { get; set; } = 1;

    /// <summary>Grid rows spanned (1–3); the skeleton takes the same size so nothing jumps.</summary>
    public int Height { get; set; } = 1;

    /// <summary>Stat panels draw a sparkline of the source's recent values.</summary>
    public bool Sparkline { get; set; } = true;

    /// <summary>Items shown by list panels.</summary>
    public int MaxItems { get; set; } = 10;
}

public sealed class ThresholdOptions
{
    public double Value { get; set; }

    /// <summary><c>ok</c>, <c>warn</c> or <c>critical</c>.</summary>
    public string Level { get; set; } = "ok";

    /// <summary>Text shown with the colour, so the meaning never rests on colour alone.</summary>
    public string? Label { get; set; }
}
