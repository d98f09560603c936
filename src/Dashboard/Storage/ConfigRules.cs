namespace Dashboard.Storage;

/// <summary>Which rule a database's stored configuration was written under (<c>config_state.seeded</c>, a column named
/// before provisioning existed). Versions before provisioning copied the file configuration into the database on first
/// start ("seed once") and treated the database as the truth afterwards; now files are the truth for the items they
/// define and the database holds only what was created in the admin area. <see cref="Configuration.SeedOnceMigration"/>
/// moves a database from <see cref="SeedOnce"/> to <see cref="Provisioning"/>, once.</summary>
public enum ConfigRules
{
    /// <summary>Nothing was ever stored.</summary>
    Empty = 0,

    /// <summary>Seeded from the file by a version before provisioning; its copies of file items are still stored.</summary>
    SeedOnce = 1,

    /// <summary>Under provisioning: stored items are the ones created in the admin area.</summary>
    Provisioning = 2,
}
