using Dashboard.Panels;

namespace Dashboard.Admin;

/// <summary>The visual editor's layout form as posted: per panel (by id) its position, width and height, and an
/// operation (<c>save</c>, <c>remove:{id}</c>, <c>up:{id}</c>, <c>down:{id}</c>). Dragging and resizing in the browser
/// fill in the same fields, so the form does the same with or without JavaScript.</summary>
public sealed class LayoutInput
{
    private List<string> ids = [];
    private List<string?> positions = [];
    private List<string?> widths = [];
    private List<string?> heights = [];

    /// <summary>The dashboard's version when the page was opened.</summary>
    public long? Version { get; set; }

    public string? Op { get; set; }

    /// <summary>Never null: form binding sets null when no field was posted.</summary>
    public List<string> Ids { get => ids; set => ids = value ?? []; }

    public List<string?> Positions { get => positions; set => positions = value ?? []; }

    public List<string?> Widths { get => widths; set => widths = value ?? []; }

    public List<string?> Heights { get => heights; set => heights = value ?? []; }

    /// <summary>The posted text of a field of the panel <paramref name="id"/>, to show again after a refused post.</summary>
    public string? Posted(List<string?> field, string id) => Ids.IndexOf(id) is var at and >= 0 && at < field.Count ? field[at] : null;

    /// <summary>Applies the form to <paramref name="panels"/> (the stored ones, by id): sizes, then the order by position
    /// (at a tie, a panel moved there comes before one that was there; panels the form did not list stay at the end),
    /// then the operation. Fields that are
    /// not whole numbers are reported in <paramref name="errors"/> by panel id; a listed panel that is gone (someone
    /// else removed it) stops the change.</summary>
    public AdminSaveOutcome? Apply(List<PanelOptions> panels, string slug, Dictionary<string, AdminFieldErrors> errors)
    {
        // Two panels at one position: the one whose position was changed goes first ("put c at 1" puts it before a).
        var places = new Dictionary<string, (int Position, int Kept)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Ids.Count; i++)
        {
            var id = Ids[i];
            if (panels.Find(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)) is not { } panel)
            {
                return AdminSaveOutcome.PanelGone(slug, id);
            }

            var fieldErrors = new AdminFieldErrors();
            panel.Width = Whole(At(Widths, i), "Width", fieldErrors, panel.Width);
            panel.Height = Whole(At(Heights, i), "Height", fieldErrors, panel.Height);
            var position = Whole(At(Positions, i), "Position", fieldErrors, i + 1);
            if (position < 1 && !fieldErrors.For("Position").Any())
            {
                fieldErrors.Add("Position", $"{position} must be 1 or more");
            }

            places[id] = (position, position == i + 1 ? 1 : 0);
            if (fieldErrors.Any)
            {
                errors[panel.Id!] = fieldErrors;
            }
        }

        if (errors.Count > 0)
        {
            return AdminSaveOutcome.Invalid(new AdminFieldErrors());
        }

        var ordered = panels
            .Select((p, i) => (Panel: p, Index: i, Place: places.TryGetValue(p.Id!, out var place) ? place : (Position: int.MaxValue, Kept: 1)))
            .OrderBy(p => p.Place.Position).ThenBy(p => p.Place.Kept).ThenBy(p => p.Index)
            .Select(p => p.Panel)
            .ToList();
        panels.Clear();
        panels.AddRange(ordered);
        return ApplyOp(panels, slug);
    }

    private AdminSaveOutcome? ApplyOp(List<PanelOptions> panels, string slug)
    {
        var op = (Op ?? "").Split(':', 2);
        if (op is not [var verb, var id] || verb is not ("remove" or "up" or "down"))
        {
            return null;
        }

        var index = panels.FindIndex(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            return AdminSaveOutcome.PanelGone(slug, id);
        }

        var panel = panels[index];
        panels.RemoveAt(index);
        if (verb != "remove")
        {
            panels.Insert(Math.Clamp(verb == "up" ? index - 1 : index + 1, 0, panels.Count), panel);
        }

        return null;
    }

    private static string? At(List<string?> values, int index) => index < values.Count ? values[index] : null;

    private static int Whole(string? text, string field, AdminFieldErrors errors, int fallback) =>
        FormNumbers.ParseWhole(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), field, errors, fallback);
}
