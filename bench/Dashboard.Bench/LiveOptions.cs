namespace Dashboard.Bench;

/// <summary>The options the live runners share: --url --upstream --pid --viewers --duration [--slug].</summary>
public sealed record LiveOptions(Uri Url, string Slug, int Viewers, TimeSpan Duration, int Pid, Uri UpstreamStats)
{
    public static LiveOptions Parse(Args options) => new(
        new Uri(options.Required("url").TrimEnd('/') + "/"),
        options.Optional("slug", AppConfig.DashboardSlug),
        options.Int("viewers", 500),
        TimeSpan.FromSeconds(options.Double("duration", 60)),
        options.Int("pid", 0),
        new Uri(options.Required("upstream").TrimEnd('/') + "/stats"));
}
