using System.Text.Json;
using Bunit;
using Dashboard.Admin;
using Dashboard.Panels;

namespace Dashboard.Tests.Admin;

/// <summary>The per-field panel form: its round trip to a stored panel, its messages by field, and where they render.</summary>
public sealed class AdminPanelInputTests : IDisposable
{
    private readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    public static TheoryData<PanelOptions> Panels() => new()
    {
        Full(),
        new PanelOptions { Id = "orders", Title = "Orders", Type = PanelTypes.List, Source = "sales", Sparkline = true },
    };

    private static PanelOptions Full() => new PanelOptions
    {
        Id = "revenue", Title = "Revenue today", Type = PanelTypes.Stat, Source = "sales", Unit = " €", Format = "N1", Width = 2, Height = 3,
        MaxItems = 25, Sparkline = false,
        Thresholds =
        [
            new ThresholdOptions { Value = -0.5, Level = "critical", Label = "Far too low" },
            new ThresholdOptions { Value = 1e21, Level = "warn" },
            new ThresholdOptions { Value = 1234.5678, Level = "ok", Label = "Fine" },
        ],
    };

    [Theory]
    [MemberData(nameof(Panels))]
    public void From_and_ToPanel_round_trip_every_field(PanelOptions stored)
    {
        var input = PanelInput.From(stored, version: 7);
        var errors = new AdminFieldErrors();

        var panel = input.ToPanel(errors);

        Assert.False(errors.Any, string.Join("; ", errors.All));
        Assert.Equal(7, input.Version);
        Assert.Equal(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(panel));
    }

    [Fact]
    public void Thresholds_are_written_in_the_forms_text_format()
    {
        var input = PanelInput.From(Full(), version: 1);

        Assert.Equal("-0.5 critical Far too low; 1E+21 warn; 1234.5678 ok Fine", input.Thresholds);
    }

    [Fact]
    public void Unparsable_fields_are_reported_under_their_own_names()
    {
        var input = new PanelInput { Title = "T", Source = "s", Width = "wide", Height = "2.5", MaxItems = "", Thresholds = "10 ok; 20 amber; x warn" };
        var errors = new AdminFieldErrors();

        var panel = input.ToPanel(errors);

        Assert.Equal(["'wide' is not a whole number"], errors.For("Width"));
        Assert.Equal(["'2.5' is not a whole number"], errors.For("Height"));
        Assert.Equal(["'' is not a whole number"], errors.For("MaxItems"));
        Assert.Equal(
            ["'20 amber' is not 'value level [label]' with level ok, warn, critical", "'x warn' is not 'value level [label]' with level ok, warn, critical"],
            errors.For("Thresholds"));
        Assert.Empty(errors.For(AdminFieldErrors.General));
        Assert.Equal([10d], panel.Thresholds.Select(t => t.Value));
    }

    [Fact]
    public void Save_messages_about_the_edited_panel_land_on_its_fields_and_the_rest_stay_general()
    {
        var saved = new AdminFieldErrors();
        saved.Add("Json", "Panels:2:Source: unknown source 'revnue'");
        saved.Add("Json", "Panels:2:Width: 4 must be between 1 and 3");
        saved.Add("Json", "Panels:2:Thresholds:1:Level: 'amber' must be one of ok, warn, critical");
        saved.Add("Json", "Panels:20:Width: 9 must be between 1 and 3");
        saved.Add("Json", "Panels:1:Id: duplicate panel id 'p' in dashboard 'main'");
        saved.Add("Json", "Title: required");
        saved.Add("Id", "another panel on this dashboard already has the id 'p'");
        saved.Add(AdminFieldErrors.General, "The dashboard is read-only");

        var errors = PanelInput.FieldErrors(saved, panelIndex: 2);

        Assert.Equal(["unknown source 'revnue'"], errors.For("Source"));
        Assert.Equal(["must be between 1 and 3"], errors.For("Width"));
        Assert.Equal(["Thresholds:1:Level: 'amber' must be one of ok, warn, critical"], errors.For("Thresholds"));
        Assert.Equal(["another panel on this dashboard already has the id 'p'"], errors.For("Id"));
        Assert.Equal(
            ["Panels:20:Width: 9 must be between 1 and 3", "Panels:1:Id: duplicate panel id 'p' in dashboard 'main'", "Title: required", "The dashboard is read-only"],
            errors.For(AdminFieldErrors.General));
    }

    [Fact]
    public void Panel_field_messages_render_beside_their_fields()
    {
        var errors = new AdminFieldErrors();
        errors.Add("Width", "'x' is not a whole number");
        errors.Add("Source", "unknown source 'revnue'");
        var input = new PanelInput { Title = "T", Source = "revnue", Width = "x" };

        var cut = context.Render<PanelFields>(p => p.Add(c => c.Input, input).Add(c => c.Sources, ["sales", "traffic"]).Add(c => c.Errors, errors));

        var width = cut.Find("#panel-width");
        Assert.Equal("panel-width-error", width.GetAttribute("aria-describedby"));
        Assert.Equal("panel-width-error", width.NextElementSibling!.Id);
        Assert.Equal("'x' is not a whole number.", width.NextElementSibling.TextContent);
        Assert.Equal("Unknown source 'revnue'.", cut.Find("#panel-source").NextElementSibling!.TextContent);
        Assert.Equal("revnue", cut.Find("#panel-source option[selected]").GetAttribute("value"));
        Assert.Equal(2, cut.FindAll(".field-error").Count);
        Assert.Equal("Panel.Width", width.GetAttribute("name"));
    }

    [Fact]
    public void The_summary_points_to_the_fields_or_lists_general_messages()
    {
        var fieldOnly = new AdminFieldErrors();
        fieldOnly.Add("Width", "'x' is not a whole number");
        var general = new AdminFieldErrors();
        general.Add(AdminFieldErrors.General, "Title: required");

        var pointer = context.Render<ErrorSummary>(p => p.Add(c => c.Errors, fieldOnly));
        var listed = context.Render<ErrorSummary>(p => p.Add(c => c.Errors, general).Add(c => c.Conflict, "Changed by someone else."));

        Assert.Equal("Nothing was saved: please correct the fields marked below.", pointer.Find("p.form-error").TextContent);
        Assert.Equal(["Changed by someone else.", "Title: required"], listed.FindAll(".form-error").Select(e => e.TextContent.Trim()));
        Assert.Empty(context.Render<ErrorSummary>(p => p.Add(c => c.Errors, new AdminFieldErrors())).Markup.Trim());
    }
}
