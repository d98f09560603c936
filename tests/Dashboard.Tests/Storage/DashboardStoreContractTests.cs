using Dapper;
using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Storage;

/// <summary>What every <see cref="IDashboardStore"/> provider must do; one subclass per provider supplies the database.
/// Tests of a class share its database, so each uses its own source names (and prune its own years).</summary>
public abstract class DashboardStoreContractTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Bounds each test so a hung database fails fast instead of stalling the run.
    private readonly CancellationTokenSource timeout;

    /// <param name="skipReason">Why this provider's tests are skipped, or null when they run. The tests are inherited,
    /// so no attribute can know the provider: each test is skipped here at run time instead (xunit v3 dynamic skip).</param>
    protected DashboardStoreContractTests(string? skipReason = null)
    {
        if (skipReason is not null)
        {
            Assert.Skip(skipReason);
        }

        timeout = new(TimeSpan.FromSeconds(30));
    }

    /// <summary>This test class's database.</summary>
    protected abstract string ConnectionString { get; }

    /// <summary>An untouched database (no schema yet), cleaned up with the class.</summary>
    protected abstract Task<string> CreateFreshDatabaseAsync();

    protected abstract DapperDashboardStore CreateStore(string connectionString);

    private CancellationToken Ct => timeout.Token;

    public void Dispose()
    {
        timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Saved_last_good_value_round_trips_as_utc_and_unknown_source_is_null()
    {
        await using var store = await MigratedStoreAsync();
        var saved = new LastGoodValue(NewSource(), "fp-1", """{"value":42}""", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)));

        await store.SaveLastGoodAsync(saved, Ct);
        var loaded = await store.GetLastGoodAsync(saved.SourceName, Ct);

        Assert.Equal(saved, loaded);
        Assert.Equal(TimeSpan.Zero, loaded!.FetchedAt.Offset);
        Assert.Null(await store.GetLastGoodAsync(NewSource(), Ct));
    }

    [Fact]
    public async Task An_older_fetch_never_replaces_a_newer_one()
    {
        await using var store = await MigratedStoreAsync();
        var source = NewSource();

        await store.SaveLastGoodAsync(new LastGoodValue(source, "newer", "1", T0), Ct);
        await store.SaveLastGoodAsync(new LastGoodValue(source, "older", "0", T0.AddMinutes(-1)), Ct);
        Assert.Equal("newer", (await store.GetLastGoodAsync(source, Ct))?.Fingerprint);

        await store.SaveLastGoodAsync(new LastGoodValue(source, "same-time", "2", T0), Ct);
        Assert.Equal("same-time", (await store.GetLastGoodAsync(source, Ct))?.Fingerprint);

        await store.SaveLastGoodAsync(new LastGoodValue(source, "latest", "3", T0.AddMinutes(1)), Ct);
        Assert.Equal(new LastGoodValue(source, "latest", "3", T0.AddMinutes(1)), await store.GetLastGoodAsync(source, Ct));
    }

    [Fact]
    public async Task History_returns_the_newest_points_oldest_first()
    {
        await using var store = await MigratedStoreAsync();
        var source = NewSource();
        foreach (var minute in new[] { 3, 1, 4, 0, 2 })
        {
            await store.AppendHistoryAsync(new HistoryPoint(source, T0.AddMinutes(minute), minute + 0.5), Ct);
        }

        await store.AppendHistoryAsync(new HistoryPoint(NewSource(), T0.AddMinutes(10), 99), Ct);

        Assert.Equal(
            [new HistoryPoint(source, T0.AddMinutes(2), 2.5), new HistoryPoint(source, T0.AddMinutes(3), 3.5), new HistoryPoint(source, T0.AddMinutes(4), 4.5)],
            await store.GetHistoryAsync(source, 3, Ct));
        Assert.Equal([0.5, 1.5, 2.5, 3.5, 4.5], (await store.GetHistoryAsync(source, 100, Ct)).Select(p => p.Value));
        Assert.Empty(await store.GetHistoryAsync(NewSource(), 3, Ct));
    }

    [Fact]
    public async Task Prune_deletes_only_points_older_than_the_cutoff_and_counts_them()
    {
        await using var store = await MigratedStoreAsync();
        var source = NewSource();
        var old = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero); // years no other test uses
        await store.AppendHistoryAsync(new HistoryPoint(source, old, 1), Ct);
        await store.AppendHistoryAsync(new HistoryPoint(source, old.AddDays(1), 2), Ct);
        await store.AppendHistoryAsync(new HistoryPoint(source, old.AddDays(2), 3), Ct);

        Assert.Equal(2, await store.PruneHistoryAsync(old.AddDays(2), Ct));
        Assert.Equal([3.0], (await store.GetHistoryAsync(source, 10, Ct)).Select(p => p.Value));
        Assert.Equal(0, await store.PruneHistoryAsync(old.AddDays(2), Ct));
    }

    [Fact]
    public async Task Ping_makes_a_round_trip()
    {
        await using var store = CreateStore(ConnectionString);
        await store.PingAsync(Ct);
    }

    [Fact]
    public async Task Migrations_from_instances_starting_at_once_and_again_apply_each_version_once()
    {
        var connectionString = await CreateFreshDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => CreateStore(connectionString)).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(Ct))));
            await stores[0].MigrateAsync(Ct);

            await using var connection = await stores[0].OpenConnectionAsync(Ct);
            var versions = await connection.QueryAsync<long>(
                new CommandDefinition("SELECT version FROM schema_migrations ORDER BY version", commandTimeout: 5, cancellationToken: Ct));
            Assert.Equal(StorageMigrations.All.Select(m => (long)m.Version), versions);

            var source = NewSource();
            await stores[1].SaveLastGoodAsync(new LastGoodValue(source, "fp", "1", T0), Ct);
            Assert.NotNull(await stores[2].GetLastGoodAsync(source, Ct));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Concurrent_writes_from_two_instances_do_not_fail_and_the_newest_value_wins()
    {
        await using var first = await MigratedStoreAsync();
        await using var second = CreateStore(ConnectionString);
        var shared = NewSource();
        const int writers = 40;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? first : second;
            await store.SaveLastGoodAsync(new LastGoodValue(shared, $"fp-{i}", $"{i}", T0.AddSeconds(i)), Ct);
            await store.AppendHistoryAsync(new HistoryPoint(shared, T0.AddSeconds(i), i), Ct);
        })));

        Assert.Equal($"fp-{writers - 1}", (await first.GetLastGoodAsync(shared, Ct))?.Fingerprint);
        Assert.Equal(writers, (await second.GetHistoryAsync(shared, 1000, Ct)).Count);
    }

    [Fact]
    public async Task A_cancelled_token_is_honoured_by_every_call()
    {
        await using var store = await MigratedStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var token = cancelled.Token;
        var source = NewSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.MigrateAsync(token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PingAsync(token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetLastGoodAsync(source, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveLastGoodAsync(new LastGoodValue(source, "fp", "1", T0), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendHistoryAsync(new HistoryPoint(source, T0, 1), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetHistoryAsync(source, 10, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PruneHistoryAsync(T0, token));
        Assert.Null(await store.GetLastGoodAsync(source, Ct));
    }

    [Fact]
    public async Task Config_items_save_with_versions_and_a_stale_version_is_a_conflict()
    {
        await using var store = await MigratedStoreAsync();
        var name = NewSource();
        var before = await store.GetConfigVersionAsync(Ct);

        var created = await store.SaveConfigItemAsync(new StoredConfigItem(StoredConfigKinds.Source, name, "{\"a\":1}", 0), null, Audit("create", name), Ct);
        Assert.Equal(ConfigSaveResult.Saved(1), created);
        Assert.Equal(ConfigSaveResult.Conflicted(1), await store.SaveConfigItemAsync(new StoredConfigItem(StoredConfigKinds.Source, name, "{}", 0), null, Audit("create", name), Ct));

        var updated = await store.SaveConfigItemAsync(new StoredConfigItem(StoredConfigKinds.Source, name, "{\"a\":2}", 0), 1, Audit("update", name), Ct);
        Assert.Equal(ConfigSaveResult.Saved(2), updated);

        // A second admin still holding version 1: refused, and the stored item is untouched.
        var stale = await store.SaveConfigItemAsync(new StoredConfigItem(StoredConfigKinds.Source, name, "{\"a\":3}", 0), 1, Audit("update", name), Ct);
        Assert.Equal(ConfigSaveResult.Conflicted(2), stale);
        var item = (await store.GetConfigAsync(Ct)).Items.Single(i => i.Name == name);
        Assert.Equal(new StoredConfigItem(StoredConfigKinds.Source, name, "{\"a\":2}", 2), item);
        Assert.Equal(before + 2, await store.GetConfigVersionAsync(Ct));

        Assert.True((await store.DeleteConfigItemAsync(StoredConfigKinds.Source, name, 1, Audit("delete", name), Ct)).Conflict);
        Assert.False((await store.DeleteConfigItemAsync(StoredConfigKinds.Source, name, 2, Audit("delete", name), Ct)).Conflict);
        Assert.DoesNotContain((await store.GetConfigAsync(Ct)).Items, i => i.Name == name);
        Assert.Equal(ConfigSaveResult.Conflicted(null), await store.DeleteConfigItemAsync(StoredConfigKinds.Source, name, 2, Audit("delete", name), Ct));

        var audit = await store.GetAuditAsync(100, Ct);
        Assert.Equal(["delete", "update", "create"], audit.Where(a => a.ItemName == name).Select(a => a.Action));
        Assert.Equal(T0, audit.First(a => a.ItemName == name).At);
    }

    [Fact]
    public async Task Replacing_the_configuration_is_atomic_puts_it_under_provisioning_and_continues_item_versions()
    {
        await using var store = CreateStore(await CreateFreshDatabaseAsync());
        await store.MigrateAsync(Ct);
        var empty = await store.GetConfigAsync(Ct);
        Assert.Equal(ConfigRules.Empty, empty.Rules);
        Assert.Empty(empty.Items);

        await store.ReplaceConfigAsync(
            [new StoredConfigItem(StoredConfigKinds.Source, "a", "{}", 0), new StoredConfigItem(StoredConfigKinds.Dashboard, "main", "{}", 0)],
            Audit("import (replace)", "*"),
            Ct);
        await store.ReplaceConfigAsync([new StoredConfigItem(StoredConfigKinds.Source, "a", "{\"x\":1}", 0)], Audit("import (replace)", "*"), Ct);

        Assert.False(await store.AdoptProvisioningRulesAsync([new StoredConfigItem(StoredConfigKinds.Source, "a", "{\"x\":1}", 2)], Audit("migrate", "*"), Ct));

        var snapshot = await store.GetConfigAsync(Ct);
        Assert.Equal(ConfigRules.Provisioning, snapshot.Rules);
        Assert.Equal([new StoredConfigItem(StoredConfigKinds.Source, "a", "{\"x\":1}", 2)], snapshot.Items);
        Assert.Equal(2, snapshot.ConfigVersion); // The refused migration changed nothing, its version bump included.
        Assert.Equal(2, await store.GetConfigVersionAsync(Ct));
    }

    [Fact]
    public async Task Instances_migrating_a_seeded_database_at_once_migrate_exactly_once_and_keep_items_edited_meanwhile()
    {
        var connectionString = await CreateFreshDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => CreateStore(connectionString)).ToArray();
        try
        {
            await stores[0].MigrateAsync(Ct);
            await SeedOnceDatabase.SeedAsOlderVersionsDidAsync(stores[0], [new StoredConfigItem(StoredConfigKinds.Source, "a", "{}", 0), new StoredConfigItem(StoredConfigKinds.Source, "b", "{}", 0)], Ct);
            var seeded = await stores[0].GetConfigAsync(Ct);
            Assert.Equal(ConfigRules.SeedOnce, seeded.Rules);
            var edited = seeded.Items.Single(i => i.Name == "b");
            Assert.False((await stores[0].SaveConfigItemAsync(edited with { Json = "{\"edited\":1}" }, edited.Version, Audit("update", "b"), Ct)).Conflict);

            // Each instance planned on the seeded snapshot: "a" and "b" as they were seeded are redundant.
            var results = await Task.WhenAll(stores.Select(s => Task.Run(() => s.AdoptProvisioningRulesAsync(seeded.Items, Audit("migrate", "*"), Ct))));

            Assert.Single(results, r => r);
            var after = await stores[1].GetConfigAsync(Ct);
            Assert.Equal(ConfigRules.Provisioning, after.Rules);
            Assert.Equal(["b"], after.Items.Select(i => i.Name));
            Assert.Single((await stores[1].GetAuditAsync(10, Ct)), a => a.Action == "migrate");
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_failed_save_leaves_the_previous_version_intact()
    {
        await using var store = await MigratedStoreAsync();
        var name = NewSource();
        await store.SaveConfigItemAsync(new StoredConfigItem(StoredConfigKinds.Source, name, "{\"a\":1}", 0), null, Audit("create", name), Ct);
        var version = await store.GetConfigVersionAsync(Ct);

        // The audit insert fails after the item update ran, inside the same transaction (a crash mid-save).
        var broken = Audit("update", name) with { Summary = null! };
        await Assert.ThrowsAnyAsync<Exception>(() =>
            store.SaveConfigItemAsync(new StoredConfigItem(StoredConfigKinds.Source, name, "{\"a\":2}", 0), 1, broken, Ct));

        Assert.Equal(new StoredConfigItem(StoredConfigKinds.Source, name, "{\"a\":1}", 1), (await store.GetConfigAsync(Ct)).Items.Single(i => i.Name == name));
        Assert.Equal(version, await store.GetConfigVersionAsync(Ct));
    }

    [Fact]
    public async Task Data_protection_keys_are_shared_added_once_and_listed_oldest_first()
    {
        await using var store = await MigratedStoreAsync();
        await using var other = await MigratedStoreAsync();
        var older = new StoredDataProtectionKey($"key-{Guid.NewGuid():N}", "<key id=\"1\"><secret>a</secret></key>", T0.AddMinutes(-5));
        var newer = new StoredDataProtectionKey($"key-{Guid.NewGuid():N}", "<key id=\"2\"/>", T0);

        await store.SaveDataProtectionKeyAsync(newer, Ct);
        await other.SaveDataProtectionKeyAsync(older, Ct);
        await store.SaveDataProtectionKeyAsync(newer with { Xml = "<key id=\"changed\"/>" }, Ct);

        var mine = (await other.GetDataProtectionKeysAsync(Ct)).Where(k => k.Name == older.Name || k.Name == newer.Name).ToArray();
        Assert.Equal([older, newer], mine);
    }

    [Fact]
    public async Task A_notification_claim_is_granted_once_across_instances_and_expires_after_a_day()
    {
        await using var store = await MigratedStoreAsync();
        await using var other = await MigratedStoreAsync();
        var claim = $"hook|{NewSource()}|down|1";

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? store : other).TryClaimNotificationAsync(claim, T0, Ct)));
        Assert.Equal(1, results.Count(granted => granted));
        Assert.True(await store.TryClaimNotificationAsync(claim + "-recovered", T0, Ct));

        // A day later the old claim is gone, so the table does not grow for ever.
        Assert.True(await other.TryClaimNotificationAsync($"hook|{NewSource()}|down|2", T0.AddDays(1).AddMinutes(1), Ct));
        Assert.True(await store.TryClaimNotificationAsync(claim, T0.AddDays(1).AddMinutes(2), Ct));
    }

    [Fact]
    public async Task Sign_in_attempts_from_every_store_count_per_key_within_the_window_and_older_ones_are_deleted()
    {
        await using var store = await MigratedStoreAsync();
        await using var other = await MigratedStoreAsync();
        var key = $"user:{Guid.NewGuid():N}";
        var window = TimeSpan.FromMinutes(1);

        // Two instances recording at once: each attempt sees every other one, whichever instance saw it.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? store : other).RecordSignInAttemptAsync(key, T0.AddSeconds(i), window, Ct)));
        Assert.Equal(6, attempts.Select(a => a.Id).Distinct().Count());
        var last = await store.RecordSignInAttemptAsync(key, T0.AddSeconds(10), window, Ct);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => T0.AddSeconds(i)), last.Earlier);
        Assert.Empty((await other.RecordSignInAttemptAsync(key + "-other", T0.AddSeconds(10), window, Ct)).Earlier);

        // A forgotten attempt no longer counts; one window later the first two have left (and their rows are gone).
        await other.ForgetSignInAttemptAsync(last.Id, Ct);
        var later = await other.RecordSignInAttemptAsync(key, T0.AddSeconds(61), window, Ct);
        Assert.Equal(Enumerable.Range(2, 4).Select(i => T0.AddSeconds(i)), later.Earlier);
        await using var connection = await store.OpenConnectionAsync(Ct);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sign_in_attempts WHERE at_ms <= @SinceMs", new { SinceMs = T0.AddSeconds(1).ToUnixTimeMilliseconds() }));
    }

    [Fact]
    public async Task Provisioned_files_are_saved_per_path_replaced_by_a_newer_version_and_forgotten()
    {
        await using var store = await MigratedStoreAsync();
        await using var other = await MigratedStoreAsync();
        var path = $"provisioning/{Guid.NewGuid():N}.json";
        byte[] v1 = [0x7b, 0x7d, 0x00, 0xff];

        await store.SaveProvisionedFileAsync(new StoredProvisionedFile(path, "h1", v1, T0), Ct);
        var saved = Assert.Single(await other.GetProvisionedFilesAsync(Ct), f => f.Path == path);
        Assert.Equal(("h1", T0), (saved.Hash, saved.SavedAt));
        Assert.Equal(v1, saved.Content);

        // Another instance puts a newer version in force: one row per path, the newer one.
        await other.SaveProvisionedFileAsync(new StoredProvisionedFile(path, "h2", "{ \"Title\": \"v2\" }"u8.ToArray(), T0.AddMinutes(1)), Ct);
        saved = Assert.Single(await store.GetProvisionedFilesAsync(Ct), f => f.Path == path);
        Assert.Equal(("h2", "{ \"Title\": \"v2\" }", T0.AddMinutes(1)), (saved.Hash, System.Text.Encoding.UTF8.GetString(saved.Content), saved.SavedAt));

        await store.DeleteProvisionedFileAsync(path, Ct);
        await store.DeleteProvisionedFileAsync(path, Ct);
        Assert.DoesNotContain(await other.GetProvisionedFilesAsync(Ct), f => f.Path == path);
    }

    private static AuditEntry Audit(string action, string name) => new(T0, "admin", action, StoredConfigKinds.Source, name, "summary");

    private static string NewSource() => $"source-{Guid.NewGuid():N}";

    private async Task<DapperDashboardStore> MigratedStoreAsync()
    {
        var store = CreateStore(ConnectionString);
        await store.MigrateAsync(Ct);
        return store;
    }
}
