using Dashboard.Sources;
using Dashboard.Sources.Sql;

namespace Dashboard.Tests.Sources.Sql;

public sealed class SqlCellFormatterTests
{
    public static TheoryData<object?, string?> Cells => new()
    {
        { null, null },
        { DBNull.Value, null },
        { 12.5m, "12.5" },
        { 0.1d, "0.1" },
        { -3L, "-3" },
        { true, "true" },
        { new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "2026-01-02T03:04:05Z" },
        { new DateTime(2026, 1, 2, 3, 4, 5, 250, DateTimeKind.Unspecified), "2026-01-02T03:04:05.25" },
        { new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), "2026-01-02T03:04:05+02:00" },
        { new DateOnly(2026, 1, 2), "2026-01-02" },
        { TimeSpan.FromMinutes(90), "01:30:00" },
        { new byte[] { 1, 2, 3 }, "(3 bytes)" },
        { new[] { 1, 2 }, "{1,2}" },
        { new Guid("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), "6f9619ff-8b86-d011-b42d-00cf4fc964ff" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Cells_render_invariantly(object? value, string? expected) => Assert.Equal(expected, SqlCellFormatter.Format(value, new ShapingLimitsOptions()));

    [Fact]
    public void Long_cells_are_cut_to_the_configured_length_with_an_ellipsis()
    {
        var text = SqlCellFormatter.Format(new string('x', 5000), new ShapingLimitsOptions { MaxCellChars = 300 })!;

        Assert.Equal(300, text.Length);
        Assert.EndsWith("x…", text, StringComparison.Ordinal);
    }
}
