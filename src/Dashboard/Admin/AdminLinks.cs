namespace Dashboard.Admin;

/// <summary>Admin page addresses built in more than one place, with their route values escaped.</summary>
public static class AdminLinks
{
    public static string DashboardEdit(string slug) => $"/admin/dashboards/{Uri.EscapeDataString(slug)}/edit";

    public static string SourceEdit(string name) => $"/admin/sources/{Uri.EscapeDataString(name)}/edit";

    public static string SourceDelete(string name) => $"/admin/sources/{Uri.EscapeDataString(name)}/delete";

    /// <summary>The dashboard in force as a provisioning file (<c>{slug}.json</c>).</summary>
    public static string ExportDashboard(string slug) => $"/admin/export/dashboards/{Uri.EscapeDataString(slug)}.json";

    /// <summary>The dashboard in force with the sources it uses, as a zip laid out like the provisioning folder.</summary>
    public static string ExportDashboardWithSources(string slug) => $"/admin/export/dashboards/{Uri.EscapeDataString(slug)}.zip";

    /// <summary>The stored version of a dashboard (also when a file shadows it), as a provisioning file.</summary>
    public static string ExportStoredDashboard(string slug) => $"/admin/export/stored/dashboards/{Uri.EscapeDataString(slug)}.json";

    /// <summary>The source in force as a provisioning file (<c>sources/{name}.json</c>).</summary>
    public static string ExportSource(string name) => $"/admin/export/sources/{Uri.EscapeDataString(name)}.json";

    /// <summary>Every dashboard and source in force (<c>all</c>) or only the stored ones (<c>stored</c>), as a zip.</summary>
    public static string ExportFolder(string scope) => $"/admin/export/provisioning.zip?scope={scope}";

    /// <summary>The dashboard's editor, confirming that the panel <paramref name="panelId"/> was added or saved.</summary>
    public static string PanelSaved(string slug, string panelId, bool added) =>
        $"{DashboardEdit(slug)}?panel={Uri.EscapeDataString(panelId)}&change={(added ? "added" : "saved")}";

    public static string PanelEdit(string slug, string panelId) =>
        $"/admin/dashboards/{Uri.EscapeDataString(slug)}/panels/{Uri.EscapeDataString(panelId)}/edit";
}
