using System.Globalization;
using System.Net;

namespace Dashboard.Tests.Admin;

/// <summary>The dashboard form's default time range: saved into the dashboard (and shown as the selected preset on it), or
/// refused beside the field with the reason.</summary>
public sealed class DashboardTimeRangeFormTests
{
    [Fact]
    public async Task A_default_range_is_saved_and_a_bad_one_is_refused_beside_the_field()
    {
        await using var session = await AdminSession.StartAsync(AdminSession.OneSourceConfig);
        await session.SignInAsync();

        using (var refused = await PostAsync(session, "now+1h", ""))
        {
            Assert.Matches("id=\"details-range-error\"[^>]*>[^<]*lies in the future", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using (var saved = await PostAsync(session, "now-7d", "now"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal("now-7d", session.Current.FindDashboard("main")!.TimeRange!.From);
        Assert.Contains("name=\"Details.RangeFrom\" value=\"now-7d\"", await session.GetPageAsync("/admin/dashboards/main/edit"), StringComparison.Ordinal);
        Assert.Contains("title=\"Last 7 days\" aria-current=\"true\"", await session.GetPageAsync("/d/main"), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(AdminSession session, string from, string to)
    {
        var version = (await session.Store.GetConfigAsync(CancellationToken.None)).Find(Dashboard.Storage.StoredConfigKinds.Dashboard, "main")!.Version;
        return await session.PostFormAsync("/admin/dashboards/main/edit", "dashboard-details",
            [new("Details.Version", version.ToString(CultureInfo.InvariantCulture)), new("Details.Title", "Main"), new("Details.Columns", "4"),
             new("Details.RangeFrom", from), new("Details.RangeTo", to)]);
    }
}
