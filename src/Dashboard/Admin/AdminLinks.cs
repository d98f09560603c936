namespace Dashboard.Admin;

/// <summary>Admin page addresses built in more than one place, with their route values escaped.</summary>
public static class AdminLinks
{
    public static string DashboardEdit(string slug) => $"/admin/dashboards/{Uri.EscapeDataString(slug)}/edit";

    public static string PanelEdit(string slug, string panelId) =>
        $"/admin/dashboards/{Uri.EscapeDataString(slug)}/panels/{Uri.EscapeDataString(panelId)}/edit";
}
