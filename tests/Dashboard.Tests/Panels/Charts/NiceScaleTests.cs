using Dashboard.Panels.Charts;

namespace Dashboard.Tests.Panels.Charts;

public sealed class NiceScaleTests
{
    [Theory]
    [InlineData(0, 97, 5, new double[] { 0, 25, 50, 75, 100 })]
    [InlineData(3, 7, 6, new double[] { 3, 4, 5, 6, 7 })]
    [InlineData(0.1, 0.37, 5, new double[] { 0.1, 0.2, 0.3, 0.4 })]
    [InlineData(-37, 52, 6, new double[] { -40, -20, 0, 20, 40, 60 })]
    [InlineData(-37, 52, 5, new double[] { -50, 0, 50, 100 })]
    [InlineData(0, 1.2e12, 5, new double[] { 0, 5e11, 1e12, 1.5e12 })]
    [InlineData(1e-6, 5e-6, 5, new double[] { 1e-6, 2e-6, 3e-6, 4e-6, 5e-6 })]
    public void Ticks_are_round_numbers_covering_the_data(double min, double max, int maxTicks, double[] expected)
    {
        var scale = NiceScale.For(min, max, maxTicks);

        Assert.Equal(expected, scale.Ticks);
        Assert.Equal(expected[0], scale.Min);
        Assert.Equal(expected[^1], scale.Max);
    }

    [Theory]
    [InlineData(100, 100, 90, 110)]
    [InlineData(0, 0, 0, 1)]
    [InlineData(-5, -5, -5.5, -4.5)]
    [InlineData(double.NaN, double.NaN, 0, 1)]
    [InlineData(double.NegativeInfinity, 3, 0, 1)]
    public void A_flat_or_unusable_range_is_widened_around_its_value(double min, double max, double low, double high)
    {
        var scale = NiceScale.For(min, max, 5);

        Assert.True(scale.Min <= low && scale.Max >= high, $"{scale.Min}..{scale.Max} should cover {low}..{high}");
        Assert.True(scale.Max > scale.Min);
        Assert.True(scale.Ticks.Count >= 2);
    }

    [Fact]
    public void Include_zero_extends_the_axis_to_zero_for_bars_and_areas()
    {
        Assert.Equal(0, NiceScale.For(40, 60, 5, includeZero: true).Min);
        Assert.Equal(0, NiceScale.For(-60, -40, 5, includeZero: true).Max);
        Assert.True(NiceScale.For(40, 60, 5).Min > 0);
    }

    [Fact]
    public void Fixed_bounds_are_kept_exactly_whatever_the_data()
    {
        var scale = NiceScale.For(3, 7, 5, fixedMin: 0, fixedMax: 100);

        Assert.Equal(0, scale.Min);
        Assert.Equal(100, scale.Max);
        Assert.Equal([0, 25, 50, 75, 100], scale.Ticks);
        Assert.Equal(0.5, scale.Fraction(50));
    }

    [Fact]
    public void Any_range_gives_ascending_ticks_within_bounds_that_cover_the_data_and_at_most_the_ticks_asked()
    {
        var random = new Random(12);
        for (var i = 0; i < 2000; i++)
        {
            var magnitude = Math.Pow(10, random.Next(-8, 14));
            var a = (random.NextDouble() - 0.3) * magnitude;
            var b = a + random.NextDouble() * magnitude;
            var maxTicks = random.Next(2, 10);

            var scale = NiceScale.For(a, b, maxTicks);

            // Bounds are the rounded first and last ticks: they may differ from the data by float noise only.
            var noise = (b - a) * 1e-9;
            Assert.True(scale.Min <= a + noise && scale.Max >= b - noise, $"{scale.Min}..{scale.Max} misses {a}..{b}");
            Assert.InRange(scale.Ticks.Count, 2, Math.Max(maxTicks, a < 0 && b > 0 ? 3 : 2));
            Assert.True(scale.Ticks.Zip(scale.Ticks.Skip(1)).All(p => p.First < p.Second), "ticks ascend");
            Assert.Equal(scale.Ticks.Count, scale.Ticks.Distinct().Count());
        }
    }
}
