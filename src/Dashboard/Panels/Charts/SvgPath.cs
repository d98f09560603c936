using System.Globalization;
using System.Text;

namespace Dashboard.Panels.Charts;

/// <summary>Path data (<c>d</c>) written compactly: each subpath starts with an absolute move, then relative lines, one
/// <c>l</c> for a whole run, numbers in tenths of a pixel without leading zeros or needless separators
/// (<c>M0 159.2l16.9 .9 17 1.4</c> instead of <c>M0 159.2L16.9 160.1L33.9 161.5</c>). A chart's lines step the same
/// distance along x again and again, so the relative form is about half the bytes before compression and compresses
/// far better. Every point is rounded to a tenth first and the steps are taken between rounded points, so the drawn
/// points are exactly those of the absolute form: no error adds up along a line.</summary>
public sealed class SvgPath
{
    private readonly StringBuilder d = new();
    private long x;
    private long y;
    private long startX;
    private long startY;
    private char command;

    /// <summary>Starts a subpath at (x, y).</summary>
    public SvgPath MoveTo(double toX, double toY)
    {
        (x, y) = (Tenths(toX), Tenths(toY));
        (startX, startY) = (x, y);
        d.Append('M');
        Number(x, separate: false);
        Number(y, separate: true);
        command = 'M';
        return this;
    }

    /// <summary>A straight line to (x, y).</summary>
    public SvgPath LineTo(double toX, double toY)
    {
        var (nextX, nextY) = (Tenths(toX), Tenths(toY));
        var repeat = command == 'l';
        if (!repeat)
        {
            d.Append('l');
            command = 'l';
        }

        Number(nextX - x, separate: repeat);
        Number(nextY - y, separate: true);
        (x, y) = (nextX, nextY);
        return this;
    }

    /// <summary>A point as a zero-length line (drawn as a dot by a round line cap).</summary>
    public SvgPath Dot(double atX, double atY)
    {
        MoveTo(atX, atY);
        d.Append("h0");
        command = 'h';
        return this;
    }

    /// <summary>Closes the subpath back to its start.</summary>
    public SvgPath Close()
    {
        d.Append('Z');
        (x, y) = (startX, startY);
        command = 'Z';
        return this;
    }

    public override string ToString() => d.ToString();

    private static long Tenths(double value) => double.IsFinite(value) ? (long)Math.Round(value * 10) : 0;

    /// <summary>A number of tenths: "12", "-3.5", ".9", "-.2"; a space before it only where it would otherwise run into
    /// the previous number (a minus sign separates by itself).</summary>
    private void Number(long tenths, bool separate)
    {
        var negative = tenths < 0;
        var magnitude = Math.Abs(tenths);
        if (separate && !negative)
        {
            d.Append(' ');
        }

        if (negative)
        {
            d.Append('-');
        }

        var whole = magnitude / 10;
        var tenth = magnitude % 10;
        if (whole != 0 || tenth == 0)
        {
            d.Append(whole.ToString(CultureInfo.InvariantCulture));
        }

        if (tenth != 0)
        {
            d.Append('.').Append((char)('0' + tenth));
        }
    }
}
