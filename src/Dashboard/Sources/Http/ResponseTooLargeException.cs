using System.Globalization;

namespace Dashboard.Sources.Http;

/// <summary>Thrown by <see cref="LengthLimitedStream"/> once more than the allowed bytes have been read.</summary>
internal sealed class ResponseTooLargeException(long limit)
    : Exception(ReasonFor(limit))
{
    public long Limit { get; } = limit;

    /// <summary>"response larger than 4 MiB limit" — the reason shown for an oversized body.</summary>
    public static string ReasonFor(long limit) => $"response larger than {FormatSize(limit)} limit";

    private static string FormatSize(long bytes) => bytes switch
    {
        >= 1 << 20 when bytes % (1 << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1 << 10 when bytes % (1 << 10) == 0 => $"{bytes >> 10} KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
