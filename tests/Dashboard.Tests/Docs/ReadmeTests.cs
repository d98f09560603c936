using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Dashboard.Demo;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Docs;

/// <summary>README.md keeps its promises to a newcomer: it opens with a real screenshot, gives exactly the two set-up
/// commands, a five-line tour, and lists every demo API; benchmark figures live in bench/README.md.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));

    [GeneratedRegex(@"^## Set-up: the two commands\n(?<body>.*?)^## ", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SetUpSection();

    [GeneratedRegex(@"^## A five-line tour\n(?<body>.*?)^## ", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TourSection();

    [GeneratedRegex(@"```sh\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [Fact]
    public void It_opens_with_the_screenshot_which_is_a_real_png()
    {
        var lines = Readme.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.StartsWith("# ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^!\[[^\]]+\]\(docs/screenshot\.png\)$", lines[1]);

        var png = File.ReadAllBytes(RepositoryFiles.PathOf("docs/screenshot.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        Assert.True(width >= 1000 && height >= 600, $"the screenshot is {width}×{height}");
    }

    [Fact]
    public void The_set_up_section_gives_exactly_the_two_commands()
    {
        var section = SetUpSection().Match(Readme);
        Assert.True(section.Success, "no '## Set-up: the two commands' section");
        var commands = ShellBlock().Matches(section.Groups["body"].Value)
            .SelectMany(m => m.Groups["code"].Value.Split('\n'))
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0);
        Assert.Equal(["dotnet run --project src/Dashboard", "bash scripts/test.sh"], commands);
    }

    [Fact]
    public void The_tour_has_five_lines()
    {
        var tour = TourSection().Match(Readme);
        Assert.True(tour.Success, "no '## A five-line tour' section");
        var steps = tour.Groups["body"].Value.Split('\n').Where(l => Regex.IsMatch(l, @"^\d\. ")).ToList();
        Assert.Equal(5, steps.Count);
    }

    [Fact]
    public void Every_demo_api_is_listed()
    {
        Assert.Contains("`GET /demo/api`", Readme, StringComparison.Ordinal);
        Assert.All(DemoApiCatalog.All, api => Assert.Contains($"`{api.Method} {api.Path}`", Readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Benchmark_figures_are_in_the_bench_readme_not_here()
    {
        Assert.DoesNotContain("pages/s", Readme, StringComparison.Ordinal);
        Assert.DoesNotContain("p99", Readme, StringComparison.Ordinal);
        Assert.Contains("bench/README.md", Readme, StringComparison.Ordinal);
        Assert.Contains("12,823 pages/s", File.ReadAllText(RepositoryFiles.PathOf("bench/README.md")), StringComparison.Ordinal);
    }
}
