using Dashboard.Sources.Http;

namespace Dashboard.Tests.Sources.Http;

public sealed class LengthLimitedStreamTests
{
    [Fact]
    public async Task Reads_a_body_of_exactly_the_limit()
    {
        await using var stream = new LengthLimitedStream(new MemoryStream(new byte[100]), limit: 100, headCapacity: 10);
        var sink = new MemoryStream();

        await stream.CopyToAsync(sink, TestContext.Current.CancellationToken);

        Assert.Equal(100, sink.Length);
        Assert.Equal(100, stream.BytesRead);
        Assert.Equal(10, stream.Head.Length);
    }

    [Fact]
    public async Task Throws_once_past_the_limit_without_reading_much_further()
    {
        var inner = new MemoryStream(new byte[10_000]);
        await using var stream = new LengthLimitedStream(inner, limit: 100);

        var thrown = await Assert.ThrowsAsync<ResponseTooLargeException>(() => stream.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken));

        Assert.Equal(100, thrown.Limit);
        Assert.Equal(101, inner.Position);
    }

    [Fact]
    public void Synchronous_reads_are_limited_too()
    {
        using var stream = new LengthLimitedStream(new MemoryStream(new byte[50]), limit: 49);
        var buffer = new byte[64];

        Assert.Throws<ResponseTooLargeException>(() => stream.Read(buffer, 0, buffer.Length));
    }

    [Fact]
    public void Keeps_the_first_bytes_as_head()
    {
        using var stream = new LengthLimitedStream(new MemoryStream("hello world"u8.ToArray()), limit: 1000, headCapacity: 5);

        stream.CopyTo(Stream.Null);

        Assert.Equal("hello"u8.ToArray(), stream.Head.ToArray());
    }

    [Theory]
    [InlineData(4L * 1024 * 1024, "response larger than 4 MiB limit")]
    [InlineData(64L * 1024, "response larger than 64 KiB limit")]
    [InlineData(1000L, "response larger than 1000 bytes limit")]
    public void Reason_names_the_limit(long limit, string reason) => Assert.Equal(reason, ResponseTooLargeException.ReasonFor(limit));
}
