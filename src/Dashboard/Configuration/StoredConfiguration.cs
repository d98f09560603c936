using Dashboard.Storage;

namespace Dashboard.Configuration;

/// <summary>The stored items as options (everything created in the admin area, including items a file shadows) and the
/// stored dashboard order, the input the composition puts under the provisioned items.</summary>
public sealed record StoredConfiguration(DashboardOptions Options, IReadOnlyList<string> Order)
{
    public static StoredConfiguration Empty { get; } = new(new DashboardOptions(), []);

    public static StoredConfiguration From(IReadOnlyList<StoredConfigItem> items) =>
        new(StoredConfigDocuments.ToOptions(items), StoredConfigDocuments.ReadSettings(items).DashboardOrder);
}
