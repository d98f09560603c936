using Dashboard.Panels.Charts;
using Dashboard.Panels.Formatting;

namespace Dashboard.Tests.Panels.Charts;

public sealed class AxisLabelsTests
{
    private static readonly FormatContext Context = FormatContext.Utc(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private static IReadOnlyList<string> Labels(double min, double max, int ticks, string? format = null, string? unit = null)
    {
        var parsed = ValueFormat.For(format, null);
        return AxisLabels.For(ValueAxis.For(min, max, ticks, parsed), parsed, unit, Context);
    }

    [Fact]
    public void Labels_carry_the_unit_and_only_the_decimals_the_step_needs()
    {
        Assert.Equal(["0 ms", "100 ms", "200 ms", "300 ms", "400 ms"], Labels(0, 380, 5, unit: "ms"));
        Assert.Equal(["0.1", "0.2", "0.3", "0.4"], Labels(0.1, 0.37, 5));
        // Fixed decimals, so the labels line up; zero is plain.
        Assert.Equal(["0", "0.25", "0.50", "0.75", "1.00"], Labels(0, 1, 5));
    }

    [Fact]
    public void Large_numbers_are_shortened_and_tiny_ones_written_in_scientific_notation()
    {
        Assert.Equal(["0", "0.5T", "1.0T", "1.5T"], Labels(0, 1.2e12, 5));
        Assert.Equal(["0", "25K", "50K", "75K", "100K"], Labels(0, 97_000, 5));
        Assert.Equal(["0", "2,000", "4,000", "6,000", "8,000"], Labels(0, 7_900, 5));
        Assert.Equal(["1E-6", "2E-6", "3E-6", "4E-6", "5E-6"], Labels(1e-6, 5e-6, 5));
    }

    [Fact]
    public void Negative_values_keep_their_sign_and_zero_has_none()
    {
        Assert.Equal(["-40", "-20", "0", "20", "40", "60"], Labels(-37, 52, 6));
    }

    [Fact]
    public void Named_formats_write_their_own_units()
    {
        Assert.Equal(["0%", "25%", "50%", "75%", "100%"], Labels(0, 97, 5, "percent"));
        Assert.Equal(["0%", "25%", "50%", "75%", "100%"], Labels(0, 0.97, 5, "percentunit"));
        Assert.Equal(["€0", "€50", "€100", "€150"], Labels(0, 140, 4, "currency:EUR"));
        Assert.Equal(["€0", "€50K", "€100K", "€150K"], Labels(0, 140_000, 4, "currency:EUR"));
        // Bytes tick on whole binary units, durations on whole seconds, minutes, hours.
        Assert.Equal(["0 B", "1 KiB", "2 KiB"], Labels(0, 2048, 3, "bytes"));
        Assert.Equal(["0 B", "512 MiB", "1 GiB", "1.5 GiB"], Labels(0, 1.4 * 1024 * 1024 * 1024, 4, "bytes"));
        Assert.Equal(["0 s", "500 ms", "1 s"], Labels(0, 1000, 3, "duration:ms"));
        Assert.Equal(["0 s", "30 min", "1 h", "1 h 30 min", "2 h"], Labels(0, 7000, 5, "duration:s"));
    }

    [Fact]
    public void A_format_too_coarse_for_the_step_falls_back_to_plain_numbers_so_no_two_labels_are_equal()
    {
        var labels = Labels(0, 2, 5, "N0");

        Assert.Equal(["0", "0.5", "1.0", "1.5", "2.0"], labels);
    }
}
