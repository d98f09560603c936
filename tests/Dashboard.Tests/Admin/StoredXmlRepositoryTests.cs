using System.Xml.Linq;
using Dashboard.Admin;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Admin;

/// <summary>The key ring served from memory: a key made here is usable at once and saved later; keys stored by
/// other instances are picked up on load; a failed save is retried, not lost.</summary>
public sealed class StoredXmlRepositoryTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_key_made_here_is_served_at_once_and_saved_by_the_next_save()
    {
        var store = new InMemoryDashboardStore();
        var repository = new StoredXmlRepository(store, time);

        repository.StoreElement(new XElement("key", new XAttribute("id", "a")), "key-a");

        Assert.Equal("a", Assert.Single(repository.GetAllElements()).Attribute("id")?.Value);
        Assert.Empty(await store.GetDataProtectionKeysAsync(CancellationToken.None));
        Assert.Equal(1, repository.Unsaved);

        await repository.SaveNewKeysAsync(CancellationToken.None);

        var saved = Assert.Single(await store.GetDataProtectionKeysAsync(CancellationToken.None));
        Assert.Equal(new StoredDataProtectionKey("key-a", "<key id=\"a\" />", time.GetUtcNow()), saved);
        Assert.Equal(0, repository.Unsaved);
    }

    [Fact]
    public async Task Keys_stored_by_another_instance_are_added_on_load_oldest_first()
    {
        var store = new InMemoryDashboardStore();
        var mine = new StoredXmlRepository(store, time);
        var theirs = new StoredXmlRepository(store, time);
        theirs.StoreElement(new XElement("key", new XAttribute("id", "theirs")), "key-theirs");
        await theirs.SaveNewKeysAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        mine.StoreElement(new XElement("key", new XAttribute("id", "mine")), "key-mine");

        Assert.Equal(1, await mine.LoadAsync(CancellationToken.None));
        Assert.Equal(0, await mine.LoadAsync(CancellationToken.None));

        Assert.Equal(["theirs", "mine"], mine.GetAllElements().Select(e => e.Attribute("id")?.Value));
    }

    [Fact]
    public async Task A_key_whose_save_failed_stays_queued_and_is_saved_next_time()
    {
        var store = new InMemoryDashboardStore { KeyWriteFailures = 1 };
        var repository = new StoredXmlRepository(store, time);
        repository.StoreElement(new XElement("key"), "key-x");

        await Assert.ThrowsAsync<InvalidOperationException>(() => repository.SaveNewKeysAsync(CancellationToken.None));
        Assert.Equal(1, repository.Unsaved);

        await repository.SaveNewKeysAsync(CancellationToken.None);
        Assert.Equal(0, repository.Unsaved);
        Assert.Single(await store.GetDataProtectionKeysAsync(CancellationToken.None));
    }
}
