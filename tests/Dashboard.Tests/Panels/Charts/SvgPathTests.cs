using Dashboard.Panels.Charts;

namespace Dashboard.Tests.Panels.Charts;

/// <summary>Compact path data: absolute moves, relative lines, tenths; the points drawn are exactly the rounded absolute
/// points, however long the line.</summary>
public sealed class SvgPathTests
{
    [Fact]
    public void A_line_is_one_absolute_move_then_relative_steps_under_a_single_command()
    {
        var d = new SvgPath().MoveTo(0, 159.2).LineTo(16.9, 160.1).LineTo(33.9, 161.5).LineTo(50.8, 159.5).ToString();

        Assert.Equal("M0 159.2l16.9 .9 17 1.4 16.9-2", d);
        Assert.Equal([(0, 159.2), (16.9, 160.1), (33.9, 161.5), (50.8, 159.5)], PathPoints.Of(d));
    }

    [Fact]
    public void Numbers_drop_leading_zeros_and_a_minus_sign_needs_no_space()
    {
        var d = new SvgPath().MoveTo(-250, 0.04).LineTo(-249.5, -0.5).LineTo(-249, 10).ToString();

        Assert.Equal("M-250 0l.5-.5 .5 10.5", d);
        Assert.Equal([(-250, 0), (-249.5, -0.5), (-249, 10)], PathPoints.Of(d));
    }

    [Fact]
    public void Rounding_never_adds_up_along_a_long_line()
    {
        var path = new SvgPath().MoveTo(0, 0);
        var expected = new List<(double, double)> { (0, 0) };
        for (var i = 1; i <= 1000; i++)
        {
            // Steps of 0.33 px: each rounded on its own, the end would be 330 px, not 333.
            var (x, y) = (i * 0.333, 100 - (i % 7) * 0.26);
            path.LineTo(x, y);
            expected.Add((Math.Round(x * 10) / 10, Math.Round(y * 10) / 10));
        }

        Assert.Equal(expected, PathPoints.Of(path.ToString()));
    }

    [Fact]
    public void Closed_shapes_and_dots_start_each_subpath_with_an_absolute_move()
    {
        var band = new SvgPath().MoveTo(0, 10).LineTo(10, 12).LineTo(10, 20).LineTo(0, 18).Close().MoveTo(30, 5).LineTo(40, 6).Close().ToString();
        var dots = new SvgPath().Dot(500, 80.25).Dot(600, 81).ToString();

        Assert.Equal("M0 10l10 2 0 8-10-2ZM30 5l10 1Z", band);
        Assert.Equal("M500 80.2h0M600 81h0", dots);
        Assert.Equal([(0, 10), (10, 12), (10, 20), (0, 18), (30, 5), (40, 6)], PathPoints.Of(band));
    }
}
