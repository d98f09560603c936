namespace Dashboard.Admin;

/// <summary>Admin page addresses built in more than one place, with their route values escaped.</summary>
public static class AdminLinks
{
    public static string DashboardEdit(string slug) => $"/admin/dashboards/{Uri.EscapeDataString(slug)}/edit";

    /// <summary>The dashboard's editor, confirming that the panel <paramref name="panelId"/> was added or saved.</summary>
    public static string PanelSaved(string slug, string panelId, bool added) =>
        $"{DashboardEdit(slug)}?panel={Uri.EscapeDataString(panelId)}&change={(added ? "added" : "saved")}";

    public static string PanelEdit(string slug, string panelId) =>
        $"/admin/dashboards/{Uri.EscapeDataString(slug)}/panels/{Uri.EscapeDataString(panelId)}/edit";
}
