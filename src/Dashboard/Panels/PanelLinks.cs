namespace Dashboard.Panels;

/// <summary>Addresses of panel views, as the dashboard navigation writes them.</summary>
public static class PanelLinks
{
    /// <summary>A panel alone at full width: <c>/d/{slug}/panels/{id}</c>.</summary>
    public static string View(string slug, string panelId) => $"/d/{Uri.EscapeDataString(slug)}/panels/{Uri.EscapeDataString(panelId)}";

    /// <summary>The same, keeping the dashboard's time range (<c>from=…&amp;to=…</c>, null: none).</summary>
    public static string View(string slug, string panelId, string? rangeQuery) =>
        View(slug, panelId) + (rangeQuery is null ? "" : "?" + rangeQuery);

    /// <summary>The dashboard a panel view came from.</summary>
    public static string Dashboard(string slug) => $"/d/{Uri.EscapeDataString(slug)}";
}
