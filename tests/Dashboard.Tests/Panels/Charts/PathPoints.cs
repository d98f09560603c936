using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Panels.Charts;

/// <summary>The absolute points of SVG path data with M, L, l, h and Z (what the charts write), for tests that check where
/// a line goes rather than how its text is written.</summary>
public static partial class PathPoints
{
    public static IReadOnlyList<(double X, double Y)> Of(string d)
    {
        var points = new List<(double X, double Y)>();
        var (x, y, startX, startY) = (0.0, 0.0, 0.0, 0.0);
        var command = ' ';
        var numbers = new Queue<double>();
        foreach (Match token in Token().Matches(d))
        {
            if (char.IsLetter(token.Value[0]))
            {
                command = token.Value[0];
                if (command == 'Z')
                {
                    (x, y) = (startX, startY);
                }

                continue;
            }

            numbers.Enqueue(double.Parse(token.Value, CultureInfo.InvariantCulture));
            if (command == 'h')
            {
                x += numbers.Dequeue();
                points.Add((x, y));
            }
            else if (numbers.Count == 2)
            {
                var (a, b) = (numbers.Dequeue(), numbers.Dequeue());
                (x, y) = command is 'l' ? (x + a, y + b) : (a, b);
                if (command == 'M')
                {
                    (startX, startY) = (x, y);
                    command = 'L'; // pairs after a move are lines (SVG's rule)
                }

                points.Add((Math.Round(x, 1), Math.Round(y, 1)));
            }
        }

        return points;
    }

    [GeneratedRegex(@"[MLlhZ]|-?(\d+\.?\d*|\.\d+)")]
    private static partial Regex Token();
}
