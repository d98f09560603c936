using Dashboard.Cluster.Fetching;

namespace Dashboard.Tests.Cluster.Fetching;

public sealed class ValueAnnouncementTests
{
    [Fact]
    public void An_announcement_round_trips_and_names_the_entry_not_the_value()
    {
        var announcement = new ValueAnnouncement("sales", "now-1h", 638_700_000_000_000_000, "web-1/42/abcdef");

        var payload = announcement.ToPayload();

        Assert.Equal("""{"source":"sales","range":"now-1h","version":638700000000000000,"from":"web-1/42/abcdef"}""", payload);
        Assert.Equal(announcement, ValueAnnouncement.Parse(payload));
        Assert.Equal("sales#now-1h", ValueAnnouncement.Parse(payload)!.Key.StorageKey);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("{")]
    [InlineData("""{"source":"","version":1,"from":"x"}""")]
    [InlineData("""{"source":"s","version":0,"from":"x"}""")]
    public void A_payload_that_is_not_an_announcement_is_ignored(string payload) =>
        Assert.Null(ValueAnnouncement.Parse(payload));
}
