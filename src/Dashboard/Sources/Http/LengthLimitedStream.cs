namespace Dashboard.Sources.Http;

/// <summary>A read-only wrapper that counts bytes and throws <see cref="ResponseTooLargeException"/> as soon as
/// more than <c>limit</c> bytes arrive, so an endless or huge body is cut off while streaming (Content-Length
/// may be absent or lie). It also keeps the first bytes read, for a raw preview.</summary>
internal sealed class LengthLimitedStream : Stream
{
    private readonly Stream inner;
    private readonly long limit;
    private readonly byte[] head;
    private int headLength;
    private long total;

    public LengthLimitedStream(Stream inner, long limit, int headCapacity = 0)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(headCapacity);
        this.inner = inner;
        this.limit = limit;
        head = new byte[headCapacity];
    }

    public long BytesRead => total;

    /// <summary>The first bytes read (up to the head capacity).</summary>
    public ReadOnlyMemory<byte> Head => head.AsMemory(0, headLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var slice = buffer[..Allowed(buffer.Length)];
        var read = inner.Read(slice);
        Account(slice[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var slice = buffer[..Allowed(buffer.Length)];
        var read = await inner.ReadAsync(slice, cancellationToken);
        Account(slice.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Never ask for more than one byte past the limit: that byte is enough to know the body is too large.
    // (Written to avoid overflow when the limit is long.MaxValue.)
    private int Allowed(int requested)
    {
        var remaining = limit - total;
        return remaining >= requested ? requested : (int)remaining + 1;
    }

    private void Account(ReadOnlySpan<byte> read)
    {
        total += read.Length;
        if (total > limit)
        {
            throw new ResponseTooLargeException(limit);
        }

        var keep = Math.Min(read.Length, head.Length - headLength);
        read[..keep].CopyTo(head.AsSpan(headLength));
        headLength += keep;
    }
}
