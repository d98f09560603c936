using Dashboard.Panels.Formatting;

namespace Dashboard.Tests.Panels.Formatting;

public sealed class ValueFormatterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FormatContext Utc = FormatContext.Utc(Now);

    private static string Format(double value, string? format, int? decimals = null) =>
        ValueFormatter.Format(value, ValueFormat.For(format, decimals), Utc);

    [Theory]
    [InlineData(1234567.891, null, null, "1,234,567.89")]
    [InlineData(1234567.891, "number", 0, "1,234,568")]
    [InlineData(-0.001, "number", null, "0")]
    [InlineData(45.25, "percent", null, "45.25%")]
    [InlineData(0.4525, "percentunit", 1, "45.3%")]
    [InlineData(114.8, "currency:EUR", null, "€114.80")]
    [InlineData(-12, "currency:usd", null, "-$12.00")]
    [InlineData(1500, "currency:JPY", null, "¥1,500")]
    [InlineData(99.5, "currency:SEK", null, "99.50 SEK")]
    [InlineData(512, "bytes", null, "512 B")]
    [InlineData(1536, "bytes", null, "1.5 KiB")]
    [InlineData(3.5 * 1024 * 1024 * 1024, "bytes", null, "3.5 GiB")]
    [InlineData(0.25, "duration:ms", null, "250 µs")]
    [InlineData(850, "duration:ms", null, "850 ms")]
    [InlineData(12.34, "duration", null, "12.3 s")]
    [InlineData(200, "duration:s", null, "3 min 20 s")]
    [InlineData(7500, "duration", null, "2 h 5 min")]
    [InlineData(3, "duration:d", null, "3 d")]
    [InlineData(1234.6, "N0", null, "1,235")]
    [InlineData(0.1234, "P1", null, "12.3 %")]
    [InlineData(double.NaN, null, null, "–")]
    [InlineData(double.PositiveInfinity, null, null, "∞")]
    public void Numbers_are_written_in_their_format(double value, string? format, int? decimals, string expected)
    {
        Assert.Equal(expected, Format(value, format, decimals));
    }

    [Fact]
    public void Times_are_written_absolute_in_the_configured_zone_or_relative_to_now()
    {
        var paris = new FormatContext(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), Now);

        Assert.Equal("2026-01-01 13:00:00", ValueFormatter.Cell("2026-01-01T12:00:00Z", ValueFormat.For("datetime", null), paris));
        Assert.Equal("01/01 13:00", ValueFormatter.Cell("1767268800", ValueFormat.For("datetime:dd/MM HH:mm", null), paris));
        Assert.Equal("5 min ago", ValueFormatter.Cell("2026-01-01 11:55:00", ValueFormat.For("relative", null), Utc));
        Assert.Equal("in 2 h", ValueFormatter.Cell("2026-01-01T14:00:00Z", ValueFormat.For("relative", null), Utc));
    }

    [Fact]
    public void Cells_that_are_not_numbers_or_times_stay_as_they_came()
    {
        Assert.Equal("n/a", ValueFormatter.Cell("n/a", ValueFormat.For("currency:EUR", null), Utc));
        Assert.Equal("soon", ValueFormatter.Cell("soon", ValueFormat.For("datetime", null), Utc));
        Assert.Equal("12.50", ValueFormatter.Cell("12.50", ValueFormat.Default, Utc));
        Assert.Equal("", ValueFormatter.Cell(null, ValueFormat.For("number", null), Utc));
    }

    [Theory]
    [InlineData("ms", "12 ms")]
    [InlineData("%", "12%")]
    [InlineData(null, "12")]
    [InlineData("", "12")]
    public void A_unit_follows_the_value(string? unit, string expected)
    {
        Assert.Equal(expected, ValueFormatter.WithUnit("12", unit));
    }

    [Theory]
    [InlineData("currency", "three-letter ISO code")]
    [InlineData("currency:EURO", "three-letter ISO code")]
    [InlineData("duration:weeks", "unit must be one of")]
    [InlineData("datetime:%", "not a .NET date and time pattern")]
    [InlineData("percnt", "is not a format")]
    [InlineData("X2", "is not a format")]
    public void Bad_formats_are_refused_with_the_reason(string format, string reason)
    {
        Assert.Null(ValueFormat.Parse(format, null, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData(null, FormatKind.Number)]
    [InlineData("PERCENT", FormatKind.Percent)]
    [InlineData("currency:eur", FormatKind.Currency)]
    [InlineData("0.00", FormatKind.Custom)]
    [InlineData("relative", FormatKind.Relative)]
    public void Good_formats_are_read_in_any_case(string? format, FormatKind kind)
    {
        Assert.Equal(kind, ValueFormat.Parse(format, null, out _)!.Kind);
    }
}
