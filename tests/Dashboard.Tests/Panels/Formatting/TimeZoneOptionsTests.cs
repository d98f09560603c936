using Dashboard.Panels.Formatting;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Panels.Formatting;

public sealed class TimeZoneOptionsTests
{
    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Paris")]
    [InlineData("America/New_York")]
    public void Iana_zones_are_accepted(string zone)
    {
        var options = new TimeZoneOptions { TimeZone = zone };

        Assert.Empty(options.Problems());
        Assert.Equal(zone == "UTC" ? TimeZoneInfo.Utc.Id : zone, options.Zone.Id);
    }

    [Fact]
    public async Task An_unknown_zone_stops_the_app_at_start_up_naming_the_key()
    {
        await using var app = new DashboardAppFactory("""
            {
              "TimeZone": "Mars/Olympus",
              "Sources": { "a": { "Kind": "http", "Http": { "Url": "http://127.0.0.1:9/v" } } },
              "Dashboards": [ { "Slug": "main", "Title": "Main", "Panels": [ { "Type": "stat", "Title": "A", "Source": "a" } ] } ]
            }
            """);

        var failure = StartupFailure.Of(app);

        Assert.NotNull(failure);
        Assert.Contains(failure.Failures, f => f.StartsWith("Dashboard:TimeZone: 'Mars/Olympus' is not a known time zone", StringComparison.Ordinal));
    }
}
