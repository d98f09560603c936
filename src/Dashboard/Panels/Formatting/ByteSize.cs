using System.Globalization;

namespace Dashboard.Panels.Formatting;

/// <summary>Byte counts in binary (IEC) units: 512 B, 1.5 KiB, 3.2 GiB.</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    public static string Format(double bytes, int? decimals)
    {
        var magnitude = Math.Abs(bytes);
        var unit = 0;
        while (magnitude >= 1024 && unit < Units.Length - 1)
        {
            magnitude /= 1024;
            unit++;
        }

        var pattern = decimals is { } d ? "#,0." + new string('0', d) : unit == 0 ? "#,0" : "#,0.#";
        var text = magnitude.ToString(pattern, CultureInfo.InvariantCulture).TrimEnd('.');
        return $"{(bytes < 0 ? "-" : "")}{text} {Units[unit]}";
    }
}
