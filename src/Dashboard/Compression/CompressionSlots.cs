namespace Dashboard.Compression;

/// <summary>Bounds how many responses are compressed at once. Each compressing response holds a native Brotli or zlib
/// encoder (about 1 MB: window, hash tables) for as long as it streams, up to a page's render deadline; 500 streaming
/// pages would hold 500 of them. Past the limit a response simply goes out uncompressed, so memory stays flat under load
/// and only the bytes on the wire grow. Pages reused from the page cache were compressed once when stored and take no slot.</summary>
public sealed class CompressionSlots(int limit)
{
    private int inUse;

    public int InUse => Volatile.Read(ref inUse);

    /// <summary>Takes a slot if one is free; the caller must <see cref="Release"/> it once.</summary>
    public bool TryTake()
    {
        if (Interlocked.Increment(ref inUse) <= limit)
        {
            return true;
        }

        Interlocked.Decrement(ref inUse);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref inUse);
}
