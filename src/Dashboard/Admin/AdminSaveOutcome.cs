namespace Dashboard.Admin;

/// <summary>What a save or delete from the admin area came to: saved, refused with messages, or a conflict.</summary>
public sealed record AdminSaveOutcome(bool Saved, AdminFieldErrors Errors, string? Conflict)
{
    public static AdminSaveOutcome Success() => new(true, new AdminFieldErrors(), null);

    public static AdminSaveOutcome Invalid(AdminFieldErrors errors) => new(false, errors, null);

    /// <summary>Checked only, as asked (the form had errors of its own): nothing to add, nothing saved.</summary>
    public static AdminSaveOutcome Checked() => new(false, new AdminFieldErrors(), null);

    public static AdminSaveOutcome Conflicted(string message) => new(false, new AdminFieldErrors(), message);

    /// <summary>A panel form posted for a panel that someone else removed or renamed meanwhile.</summary>
    public static AdminSaveOutcome PanelGone(string slug, string panelId) =>
        Conflicted($"The panel '{panelId}' is no longer on the dashboard '{slug}' (someone else removed or renamed it). Nothing was changed.");
}
