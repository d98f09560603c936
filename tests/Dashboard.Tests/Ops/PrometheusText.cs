using System.Globalization;
using System.Text;

namespace Dashboard.Tests.Ops;

/// <summary>A strict parser of the Prometheus text exposition format (0.0.4) for tests: every line must be
/// a HELP, a TYPE or a well-formed sample; TYPE comes once per family, before its samples.</summary>
public sealed class PrometheusText
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Helps { get; } = new(StringComparer.Ordinal);

    public List<PrometheusSample> Samples { get; } = [];

    public static PrometheusText Parse(string text)
    {
        var result = new PrometheusText();
        var seenSamplesOf = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var parts = line["# HELP ".Length..].Split(' ', 2);
                Assert.True(result.Helps.TryAdd(parts[0], parts.Length > 1 ? parts[1] : ""), $"second HELP for {parts[0]}");
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line["# TYPE ".Length..].Split(' ');
                Assert.Equal(2, parts.Length);
                Assert.Contains(parts[1], new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                Assert.DoesNotContain(parts[0], seenSamplesOf);
                Assert.True(result.Types.TryAdd(parts[0], parts[1]), $"second TYPE for {parts[0]}");
                continue;
            }

            Assert.False(line.StartsWith('#'), $"unexpected comment: {line}");
            var sample = ParseSample(line);
            var family = result.FamilyOf(sample.Name);
            Assert.True(result.Types.ContainsKey(family), $"sample before its TYPE: {line}");
            seenSamplesOf.Add(family);
            result.Samples.Add(sample);
        }

        return result;
    }

    /// <summary>The first sample of that name carrying those labels (others may be present), or null.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels) =>
        Samples.FirstOrDefault(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value))?.Value;

    public IEnumerable<PrometheusSample> Family(string family) => Samples.Where(s => FamilyOf(s.Name) == family);

    public string FamilyOf(string sampleName)
    {
        foreach (var suffix in HistogramSuffixes)
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal))
            {
                var root = sampleName[..^suffix.Length];
                if (Types.TryGetValue(root, out var type) && type == "histogram")
                {
                    return root;
                }
            }
        }

        return sampleName;
    }

    /// <summary>Every histogram series: buckets ascending by le, cumulative counts never decreasing,
    /// a +Inf bucket equal to _count, and a _sum.</summary>
    public void AssertHistogramsWellFormed()
    {
        foreach (var (family, _) in Types.Where(t => t.Value == "histogram"))
        {
            var series = Samples.Where(s => s.Name == family + "_bucket").GroupBy(s => s.LabelKey(except: "le"));
            Assert.NotEmpty(series);
            foreach (var one in series)
            {
                var buckets = one.Select(s => (Le: ParseValue(s.Labels["le"]), s.Value)).ToList();
                Assert.Equal(buckets.OrderBy(b => b.Le), buckets);
                for (var i = 1; i < buckets.Count; i++)
                {
                    Assert.True(buckets[i].Value >= buckets[i - 1].Value, $"{family}{one.Key}: bucket le={buckets[i].Le} < le={buckets[i - 1].Le}");
                }

                Assert.Equal(double.PositiveInfinity, buckets[^1].Le);
                var count = Samples.Single(s => s.Name == family + "_count" && s.LabelKey() == one.Key);
                Assert.Equal(buckets[^1].Value, count.Value);
                Assert.Single(Samples, s => s.Name == family + "_sum" && s.LabelKey() == one.Key);
            }
        }
    }

    private static PrometheusSample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        var name = line[..i];
        Assert.False(string.IsNullOrEmpty(name), $"no metric name: {line}");
        Assert.False(char.IsAsciiDigit(name[0]), $"name starts with a digit: {line}");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var start = i;
                while (line[i] != '=')
                {
                    Assert.True(char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_', $"bad label name: {line}");
                    i++;
                }

                var key = line[start..i];
                Assert.Equal('"', line[++i]);
                i++;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"bad escape in {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                i++;
                Assert.True(labels.TryAdd(key, value.ToString()), $"duplicate label {key}: {line}");
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        Assert.Equal(' ', line[i]);
        return new PrometheusSample(name, labels, ParseValue(line[(i + 1)..]));
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}

public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string LabelKey(string? except = null) =>
        string.Join(",", Labels.Where(l => l.Key != except).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
