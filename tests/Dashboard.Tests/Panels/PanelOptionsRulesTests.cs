using Dashboard.Panels;

namespace Dashboard.Tests.Panels;

/// <summary>Each bad display option is reported with its key and why; good ones pass.</summary>
public sealed class PanelOptionsRulesTests
{
    private static List<string> Check(Action<PanelOptions> change)
    {
        var panel = new PanelOptions { Id = "p", Title = "P", Source = "s", Type = PanelTypes.Timeseries };
        change(panel);
        var errors = new List<string>();
        PanelOptionsRules.Check("K", panel, errors);
        return errors;
    }

    public static TheoryData<string, Action<PanelOptions>, string> Problems => new()
    {
        { "format", p => p.Format = "currency:EURO", "K:Format: 'currency:EURO': a currency needs its three-letter ISO code" },
        { "decimals", p => p.Decimals = 11, "K:Decimals: 11 must be between 0 and 10" },
        { "chart style", p => p.ChartStyle = "spline", "K:ChartStyle: 'spline' must be one of line, area" },
        { "threshold style", p => p.ThresholdStyle = "dots", "K:ThresholdStyle: 'dots' must be one of lines, bands, lines+bands, off" },
        { "orientation", p => p.Orientation = "diagonal", "K:Orientation: 'diagonal' must be one of horizontal, vertical" },
        { "sort", p => p.Sort = "random", "K:Sort: 'random' must be one of desc, asc, none" },
        { "top n", p => p.TopN = 0, "K:TopN: 0 must be between 1 and 50" },
        { "min max", p => { p.Min = 10; p.Max = 10; }, "K:Max: 10 must be greater than Min (10)" },
        { "infinite max", p => p.Max = double.PositiveInfinity, "K:Max: must be a finite number" },
        { "threshold level", p => p.Thresholds = [new ThresholdOptions { Value = 1, Level = "bad" }], "K:Thresholds:0:Level: 'bad' must be one of ok, warn, critical" },
        { "column name", p => p.Columns = [new ColumnOptions { Title = "x" }], "K:Columns:0:Name: required" },
        { "column twice", p => p.Columns = [new ColumnOptions { Name = "a" }, new ColumnOptions { Name = "A" }], "K:Columns:1:Name: column 'A' is listed twice" },
        { "column format", p => p.Columns = [new ColumnOptions { Name = "a", Format = "duration:weeks" }], "K:Columns:0:Format: 'duration:weeks': a duration's unit must be one of" },
        { "column threshold", p => p.Columns = [new ColumnOptions { Name = "a", Thresholds = [new ThresholdOptions { Level = "meh" }] }], "K:Columns:0:Thresholds:0:Level: 'meh'" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void A_bad_option_is_reported_once_with_its_key(string name, Action<PanelOptions> change, string expected)
    {
        var errors = Check(change);

        var error = Assert.Single(errors);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Good_options_pass()
    {
        Assert.Empty(Check(p =>
        {
            p.Format = "duration:ms";
            p.Decimals = 2;
            p.ChartStyle = "AREA";
            p.ThresholdStyle = "lines+bands";
            p.Orientation = "vertical";
            p.Sort = "none";
            p.TopN = 50;
            p.Min = 0;
            p.Max = 100;
            p.Columns = [new ColumnOptions { Name = "at", Format = "datetime:HH:mm", Thresholds = [new ThresholdOptions { Value = 1, Level = "warn" }] }];
        }));
    }
}
