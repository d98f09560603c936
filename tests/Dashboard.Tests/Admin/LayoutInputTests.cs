using Dashboard.Admin;
using Dashboard.Panels;

namespace Dashboard.Tests.Admin;

public sealed class LayoutInputTests
{
    [Fact]
    public void Positions_order_the_panels_sizes_apply_and_unlisted_panels_stay_at_the_end()
    {
        var panels = Panels("a", "b", "c", "new");
        var input = new LayoutInput { Ids = ["a", "b", "c"], Positions = ["3", "1", "1"], Widths = ["2", "1", "4"], Heights = ["1", "3", "1"], Op = "save" };

        Assert.Null(input.Apply(panels, "main", []));

        Assert.Equal(["b", "c", "a", "new"], panels.Select(p => p.Id));
        Assert.Equal([(1, 3), (4, 1), (2, 1), (1, 1)], panels.Select(p => (p.Width, p.Height)));
    }

    [Fact]
    public void A_panel_moved_to_a_taken_position_goes_before_the_one_there()
    {
        var panels = Panels("a", "b", "c");

        Assert.Null(new LayoutInput { Ids = ["a", "b", "c"], Positions = ["1", "2", "1"] }.Apply(panels, "main", []));

        Assert.Equal(["c", "a", "b"], panels.Select(p => p.Id));
    }

    [Fact]
    public void An_operation_applies_after_the_layout()
    {
        var panels = Panels("a", "b", "c");

        Assert.Null(new LayoutInput { Ids = ["a", "b", "c"], Positions = ["1", "2", "3"], Widths = ["2", "1", "1"], Op = "remove:b" }.Apply(panels, "main", []));
        Assert.Equal(["a", "c"], panels.Select(p => p.Id));
        Assert.Equal(2, panels[0].Width);

        Assert.Null(new LayoutInput { Op = "up:c" }.Apply(panels, "main", []));
        Assert.Equal(["c", "a"], panels.Select(p => p.Id));
    }

    [Fact]
    public void Fields_that_are_not_whole_numbers_are_reported_by_panel_and_nothing_changes()
    {
        var panels = Panels("a", "b");
        var errors = new Dictionary<string, AdminFieldErrors>();

        var outcome = new LayoutInput { Ids = ["a", "b"], Positions = ["2", "first"], Widths = ["wide", "1"] }.Apply(panels, "main", errors);

        Assert.NotNull(outcome);
        Assert.False(outcome.Saved);
        Assert.Equal(["'wide' is not a whole number"], errors["a"].For("Width"));
        Assert.Equal(["'first' is not a whole number"], errors["b"].For("Position"));
        Assert.Equal(["a", "b"], panels.Select(p => p.Id));
    }

    [Fact]
    public void A_panel_someone_else_removed_stops_the_change()
    {
        var outcome = new LayoutInput { Ids = ["a", "gone"], Positions = ["1", "2"] }.Apply(Panels("a"), "main", []);

        Assert.Contains("'gone' is no longer on the dashboard 'main'", outcome!.Conflict, StringComparison.Ordinal);
    }

    private static List<PanelOptions> Panels(params string[] ids) => [.. ids.Select(id => new PanelOptions { Id = id, Title = id, Source = "s" })];
}
