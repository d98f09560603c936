using System.Text;
using Dashboard.Configuration.Provisioning;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Configuration.Provisioning;

/// <summary>The saved last good versions: only this folder's files are loaded, a saved version that no longer reads is
/// skipped, and storage failing delays the saving without losing it.</summary>
public sealed class ProvisioningLastGoodTests
{
    private const string Root = "/srv/dashboard";
    private static readonly ProvisioningFolder Folder = new(Options.Create(new ProvisioningOptions()), new TestHostEnvironment { ContentRootPath = Root });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_saved_versions_of_files_in_this_folder_that_still_read_are_loaded()
    {
        var store = new FlakyStore();
        await store.SaveProvisionedFileAsync(Saved("provisioning/sales.json", """{ "Title": "Sales" }"""), Ct);
        await store.SaveProvisionedFileAsync(Saved("provisioning/ops.json", """{ "Title": "Ops", "Colour": "red" }"""), Ct);
        await store.SaveProvisionedFileAsync(Saved("provisioning/elsewhere.json", """{ "Title": "Not here" }"""), Ct);

        var read = new[] { Broken("provisioning/sales.json"), Broken("provisioning/ops.json") };
        var loaded = await LastGood(store).LoadAsync(read, Ct);

        // ops.json's saved version has a property the format lacks: it is not a good version any more.
        var sales = Assert.Single(loaded).Value;
        Assert.Equal(("provisioning/sales.json", "Sales"), (sales.Path, sales.Dashboards[0].Dashboard.Title));
        Assert.Equal("sales", sales.Dashboards[0].Dashboard.Slug);
    }

    [Fact]
    public async Task A_version_storage_did_not_take_is_saved_at_the_next_try_and_a_removed_file_is_forgotten()
    {
        var store = new FlakyStore { Down = true };
        var lastGood = LastGood(store);
        var sales = Folder.Parse("provisioning/sales.json", Encoding.UTF8.GetBytes("""{ "Title": "Sales" }"""));
        var accepted = new Dictionary<string, ProvisionedFile> { [sales.Path] = sales };

        await lastGood.SaveAsync(accepted, [sales], Ct);
        Assert.Empty(await store.GetProvisionedFilesAsync(Ct));

        store.Down = false;
        await lastGood.SaveAsync(accepted, [sales], Ct);
        Assert.Equal(sales.Hash, Assert.Single(await store.GetProvisionedFilesAsync(Ct)).Hash);

        await lastGood.SaveAsync(new Dictionary<string, ProvisionedFile>(), [], Ct);
        Assert.Empty(await store.GetProvisionedFilesAsync(Ct));
    }

    private static ProvisioningLastGood LastGood(IDashboardStore store) =>
        new(store, Folder, TimeProvider.System, NullLogger<ProvisioningLastGood>.Instance);

    private static StoredProvisionedFile Saved(string path, string json)
    {
        var content = Encoding.UTF8.GetBytes(json);
        return new StoredProvisionedFile(path, ProvisioningFileParser.Hash(content), content, DateTimeOffset.UnixEpoch);
    }

    private static ProvisionedFile Broken(string path) =>
        ProvisionedFile.Unreadable(path, "broken", [new ProvisioningProblem(path, 1, "broken")]);

    private sealed class FlakyStore : DelegatingDashboardStore
    {
        public bool Down { get; set; }

        public override string Provider => "flaky";

        public override Task SaveProvisionedFileAsync(StoredProvisionedFile file, CancellationToken cancellationToken) =>
            Down ? Task.FromException(new StorageUnavailableException("storage is down")) : base.SaveProvisionedFileAsync(file, cancellationToken);
    }
}
