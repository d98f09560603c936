using Dashboard.Compression;

namespace Dashboard.Tests.Compression;

public sealed class CompressionSlotsTests
{
    [Fact]
    public void Slots_are_taken_up_to_the_limit_and_a_released_one_is_free_again()
    {
        var slots = new CompressionSlots(2);
        Assert.True(slots.TryTake());
        Assert.True(slots.TryTake());
        Assert.False(slots.TryTake());
        Assert.Equal(2, slots.InUse);

        slots.Release();
        Assert.True(slots.TryTake());
        Assert.False(slots.TryTake());
    }

    [Fact]
    public void A_limit_of_zero_compresses_nothing() => Assert.False(new CompressionSlots(0).TryTake());
}
