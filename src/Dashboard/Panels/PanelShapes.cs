using Dashboard.Sources;

namespace Dashboard.Panels;

/// <summary>Which value shapes each panel type can draw.</summary>
public static class PanelShapes
{
    /// <summary>Null for an unknown panel type (reported separately).</summary>
    public static bool? Accepts(string panelType, ValueShape shape) => panelType.ToLowerInvariant() switch
    {
        PanelTypes.Stat or PanelTypes.Gauge => shape == ValueShape.Scalar,
        PanelTypes.Table => shape == ValueShape.Table,
        PanelTypes.List or PanelTypes.Bar => shape is ValueShape.Table or ValueShape.Series,
        // A Scalar source: the history of its value over the dashboard's range.
        PanelTypes.Timeseries => true,
        PanelTypes.Status => true,
        _ => null,
    };
}
