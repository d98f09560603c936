namespace Dashboard.Demo;

/// <summary>The offline demo (bound from <c>Dashboard:Demo</c>): simulated third-party APIs hosted by the
/// app itself under <c>/demo/api</c>, and a seeded demo table for SQL panels.</summary>
public sealed class DemoOptions
{
    /// <summary>Maps the simulated APIs. Turn off in production.</summary>
    public bool Enabled { get; set; }

    /// <summary>Name of a sqlite connection under <c>Dashboard:Connections</c> to fill with the demo table; empty for none.</summary>
    public string? SeedConnection { get; set; }
}
