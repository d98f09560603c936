using System.Buffers.Binary;
using System.Globalization;

namespace Dashboard.Bench;

/// <summary>Reads attribute values out of a Blazor Server render batch (the binary format of aspnetcore's
/// RenderBatchWriter, as blazor.web.js 10.0.12 reads it in OutOfProcessRenderBatch): the batch ends with five int32
/// offsets (updated components, reference frames, disposed component ids, disposed event handler ids, string table);
/// reference frames are an int32 count then 20-byte frames; an attribute frame (type 3) holds its name's and value's
/// string-table indexes at +4 and +8; the string table is an int32 offset per string, each string a 7-bit-encoded
/// length and UTF-8 bytes. Every attribute a batch sets, whether in a newly inserted element or by a SetAttribute
/// edit, is such a reference frame, so scanning them finds every new value without applying the edits.</summary>
public static class RenderBatchReader
{
    private const int AttributeFrame = 3;
    private const int FrameSize = 20;

    /// <summary>The largest value of the attributes named <paramref name="name"/> that parses as a long, or null when the
    /// batch sets none (or is malformed: then the batch simply carries no version for the bench).</summary>
    public static long? MaxLongAttribute(ReadOnlySpan<byte> batch, ReadOnlySpan<byte> name)
    {
        if (batch.Length < 20)
        {
            return null;
        }

        var frames = Int(batch, batch.Length - 16);
        var strings = Int(batch, batch.Length - 4);
        if (frames is not { } framesAt || strings is not { } stringsAt || Int(batch, framesAt) is not { } count
            || count < 0 || count > (batch.Length - framesAt) / FrameSize)
        {
            return null;
        }

        long? max = null;
        for (var i = 0; i < count; i++)
        {
            var frame = framesAt + 4 + (FrameSize * i);
            if (Int(batch, frame) != AttributeFrame
                || !String(batch, stringsAt, Int(batch, frame + 4)).SequenceEqual(name)
                || !long.TryParse(String(batch, stringsAt, Int(batch, frame + 8)), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                continue;
            }

            max = Math.Max(max ?? parsed, parsed);
        }

        return max;
    }

    private static int? Int(ReadOnlySpan<byte> batch, int at) =>
        at >= 0 && at <= batch.Length - 4 ? BinaryPrimitives.ReadInt32LittleEndian(batch[at..]) : null;

    /// <summary>The UTF-8 bytes of string <paramref name="index"/>; empty for a null string (-1) or one out of range.</summary>
    private static ReadOnlySpan<byte> String(ReadOnlySpan<byte> batch, int table, int? index)
    {
        if (index is not { } i || i < 0 || Int(batch, table + (4 * i)) is not { } at)
        {
            return [];
        }

        // BinaryWriter.Write(string): the byte length as a 7-bit-encoded int, then the bytes.
        var length = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= batch.Length)
            {
                return [];
            }

            var b = batch[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return length >= 0 && length <= batch.Length - at ? batch.Slice(at, length) : [];
            }
        }

        return [];
    }
}
