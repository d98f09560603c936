using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Dashboard.Storage;

namespace Dashboard.Panels;

/// <summary>Server-side sparkline: SVG polyline points scaled into a box, plus a text summary for screen readers.</summary>
public sealed record SparklineGeometry(string Points, string Description)
{
    // A source's history list is replaced (never mutated) on each fetch, so its geometry can be computed
    // once and shared by every view until the next fetch; entries go away with their list.
    private static readonly ConditionalWeakTable<IReadOnlyList<HistoryPoint>, SparklineGeometry> Cache = new();

    public static SparklineGeometry For(IReadOnlyList<HistoryPoint> history, int width, int height) =>
        Cache.GetValue(history, h => From(h.Select(p => p.Value).ToArray(), width, height));

    public static SparklineGeometry From(IReadOnlyList<double> values, int width, int height)
    {
        if (values.Count == 0)
        {
            return new SparklineGeometry("", "no data");
        }

        var min = values.Min();
        var max = values.Max();
        var range = max - min;
        var text = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            var x = values.Count == 1 ? width / 2.0 : i * (double)width / (values.Count - 1);
            // A flat series sits in the middle rather than on an edge; 1px margin keeps the stroke visible.
            var y = range == 0 ? height / 2.0 : 1 + (height - 2) * (1 - (values[i] - min) / range);
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(x.ToString("0.##", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.##", CultureInfo.InvariantCulture));
        }

        var description = string.Create(CultureInfo.InvariantCulture, $"{values.Count} values from {min:#,0.##} to {max:#,0.##}, latest {values[^1]:#,0.##}");
        return new SparklineGeometry(text.ToString(), description);
    }
}
