using Dashboard.Dashboards;
using Dashboard.Sources;

namespace Dashboard.Configuration.Provisioning;

/// <summary>What one provisioning unit defines as read now: <c>appsettings.json</c> (the configuration's
/// <c>Dashboard:Sources</c>, <c>Dashboards</c> and <c>DefaultDashboard</c>), one dashboard file, or one sources file.
/// A unit that could not be read has <see cref="Problems"/> and no items; whether its items are put in force is
/// <see cref="ProvisioningAcceptance"/>'s decision.</summary>
public sealed class ProvisionedFile
{
    /// <summary>As shown to people and used as the unit's identity: <c>appsettings.json</c>, <c>provisioning/sales.json</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Identifies the content: a unit whose hash did not change needs no new decision.</summary>
    public required string Hash { get; init; }

    /// <summary>The bytes read (folder files only): saved as the file's last good version once in force, so a restart
    /// with the file broken keeps this version (<see cref="ProvisioningLastGood"/>).</summary>
    public byte[]? Content { get; init; }

    public IReadOnlyList<ProvisionedSource> Sources { get; init; } = [];

    public IReadOnlyList<ProvisionedDashboard> Dashboards { get; init; } = [];

    /// <summary><c>Dashboard:DefaultDashboard</c> (appsettings.json only).</summary>
    public string? DefaultDashboard { get; init; }

    /// <summary>Why the unit could not be read (syntax, unknown property, value of the wrong type, too large).</summary>
    public IReadOnlyList<ProvisioningProblem> Problems { get; init; } = [];

    /// <summary>Where a key of this unit's own key space is (<c>Panels:0:Source</c> in a dashboard file,
    /// <c>Dashboard:Sources:x:Http:Url</c> in appsettings.json).</summary>
    public Func<string, ItemOrigin> Locate { get; init; } = _ => new ItemOrigin("configuration", null);

    public bool Readable => Problems.Count == 0;

    /// <summary>A problem about <paramref name="key"/> (this unit's key space; empty for the whole file).</summary>
    public ProvisioningProblem ProblemAt(string key, string message)
    {
        var origin = Locate(key);
        return new ProvisioningProblem(origin.File, origin.Line, key.Length == 0 ? message : $"{key}: {message}");
    }

    public static ProvisionedFile Unreadable(string path, string hash, IReadOnlyList<ProvisioningProblem> problems) =>
        new() { Path = path, Hash = hash, Problems = problems };
}

/// <summary>A source a provisioning unit defines; <see cref="Key"/> is its key in the unit (<c>weather</c> in a sources
/// file, <c>Dashboard:Sources:weather</c> in appsettings.json).</summary>
public sealed record ProvisionedSource(string Name, SourceOptions Options, string Key, ItemOrigin Origin);

/// <summary>A dashboard a provisioning unit defines; <see cref="Key"/> is its key in the unit (empty in a dashboard
/// file, <c>Dashboard:Dashboards:2</c> in appsettings.json).</summary>
public sealed record ProvisionedDashboard(DashboardDefinition Dashboard, string Key, ItemOrigin Origin);
