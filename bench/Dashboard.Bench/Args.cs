using System.Globalization;

namespace Dashboard.Bench;

/// <summary>A usage error: printed without a stack trace.</summary>
public sealed class BenchException(string message) : Exception(message);

/// <summary><c>--name value</c> pairs plus bare positional arguments.</summary>
public sealed class Args
{
    private readonly Dictionary<string, string> named = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Positional { get; } = [];

    public static Args Parse(string[] args)
    {
        var parsed = new Args();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    throw new BenchException($"option {args[i]} needs a value");
                }

                parsed.named[args[i][2..]] = args[++i];
            }
            else
            {
                parsed.Positional.Add(args[i]);
            }
        }

        return parsed;
    }

    public string Required(string name) =>
        named.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new BenchException($"--{name} is required");

    public string Optional(string name, string fallback) => named.TryGetValue(name, out var value) && value.Length > 0 ? value : fallback;

    public int Int(string name, int fallback) => named.TryGetValue(name, out var value)
        ? int.Parse(value, CultureInfo.InvariantCulture)
        : fallback;

    public double Double(string name, double fallback) => named.TryGetValue(name, out var value)
        ? double.Parse(value, CultureInfo.InvariantCulture)
        : fallback;
}
