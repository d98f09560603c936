using Dashboard.Admin;

namespace Dashboard.Tests.Admin;

/// <summary>Options without a hand-made form field become fields on their own: an option added to the panel options
/// appears on the form without editing it.</summary>
public sealed class PanelExtraFieldsTests
{
    private static readonly IReadOnlyList<PanelExtraFields.Field> Fields = PanelExtraFields.Discover(typeof(Options), typeof(Form));

    [Fact]
    public void Every_settable_option_of_a_simple_type_the_form_lacks_is_a_field_in_declaration_order()
    {
        Assert.Equal(["ChartStyle", "TopN", "Max", "Legend", "Stacked"], Fields.Select(f => f.Name));
        Assert.Equal(["Chart style", "Top N", "Max", "Legend", "Stacked"], Fields.Select(f => f.Label));
        Assert.Equal([false, false, false, true, true], Fields.Select(f => f.IsToggle));
    }

    [Fact]
    public void Values_round_trip_and_empty_text_clears_an_optional_option()
    {
        var options = new Options { ChartStyle = "area", TopN = 5, Max = 0.25, Legend = false, Stacked = true };
        var values = PanelExtraFields.ValuesOf(options, Fields);
        Assert.Equal(["area", "5", "0.25", "false", "true"], values.Values);

        var copy = new Options();
        var errors = new AdminFieldErrors();
        PanelExtraFields.Apply(copy, values, errors, Fields);
        Assert.False(errors.Any);
        Assert.Equal(("area", 5, 0.25, false, true), (copy.ChartStyle, copy.TopN, copy.Max, copy.Legend, copy.Stacked));

        PanelExtraFields.Apply(copy, new Dictionary<string, string?> { ["TopN"] = " ", ["Stacked"] = "" }, errors, Fields);
        Assert.Equal((null, null, "area"), (copy.TopN, copy.Stacked, copy.ChartStyle)); // Not posted: kept.
    }

    [Fact]
    public void Text_that_is_not_the_options_type_is_reported_under_its_name()
    {
        var errors = new AdminFieldErrors();

        PanelExtraFields.Apply(new Options(), new Dictionary<string, string?> { ["TopN"] = "ten", ["Max"] = "1,5", ["Legend"] = "" }, errors, Fields);

        Assert.Equal(["'ten' is not a whole number"], errors.For("TopN"));
        Assert.Equal(["'1,5' is not a number"], errors.For("Max"));
        Assert.Equal(["'' is not on or off"], errors.For("Legend"));
    }

    private sealed class Options
    {
        public string? Title { get; set; }

        public string? ChartStyle { get; set; }

        public int? TopN { get; set; }

        public double? Max { get; set; }

        public bool Legend { get; set; } = true;

        public bool? Stacked { get; set; }

        public List<string> Columns { get; set; } = [];

        public string Computed => "";
    }

    private sealed class Form
    {
        public string? Title { get; set; }
    }
}
