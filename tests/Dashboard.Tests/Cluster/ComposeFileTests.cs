using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Tests.Cluster;

/// <summary>deploy/compose.yaml cannot run here (no container engine), so it is held to what the tests do run: it
/// mounts the nginx template <see cref="NginxProxy"/> runs, sets every placeholder of it, points them at its three
/// instances on the port the image exposes, trusts forwarded headers from nginx's address only, and gives a graceful
/// stop more time than the app's own shutdown bound.</summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] Instances = ["app1", "app2", "app3"];

    [GeneratedRegex(@"\$\{(DASHBOARD_[A-Z0-9_]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^EXPOSE\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Expose();

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(RepositoryFiles.PathOf("deploy/compose.yaml")));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(YamlMappingNode compose, string name) => (YamlMappingNode)((YamlMappingNode)compose["services"])[name];

    /// <summary>A service's key, looked up through its merge key (<c>&lt;&lt;: *app</c>) as compose does.</summary>
    private static YamlNode? Get(YamlMappingNode service, string key) =>
        service.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value
        : service.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) && merged is YamlMappingNode shared ? Get(shared, key)
        : null;

    private static string Scalar(YamlNode? node) => Assert.IsType<YamlScalarNode>(node).Value!;

    private static string Address(YamlMappingNode service) =>
        Scalar(((YamlMappingNode)((YamlMappingNode)Get(service, "networks")!)["dashboard"])["ipv4_address"]);

    [Fact]
    public void The_nginx_service_mounts_the_template_the_tests_run_and_sets_every_placeholder_it_has()
    {
        var nginx = Service(Compose(), "nginx");
        var volumes = ((YamlSequenceNode)nginx["volumes"]).Select(Scalar).ToList();
        var mount = Assert.Single(volumes, v => v.Contains("dashboard.conf.template", StringComparison.Ordinal));
        Assert.Equal(NginxProxy.TemplatePath, "deploy/" + mount.Split(':')[0].TrimStart('.', '/'));
        Assert.StartsWith("/etc/nginx/templates/", mount.Split(':')[1], StringComparison.Ordinal);

        var placeholders = Placeholder().Matches(File.ReadAllText(RepositoryFiles.PathOf(NginxProxy.TemplatePath)))
            .Select(m => m.Groups[1].Value).ToHashSet();
        var environment = ((YamlMappingNode)nginx["environment"]).Children.Keys.Select(Scalar).ToHashSet();
        Assert.Equal(placeholders.Order(), environment.Order());
    }

    [Fact]
    public void Nginx_points_at_the_three_instances_on_the_port_their_image_exposes()
    {
        var compose = Compose();
        var nginx = (YamlMappingNode)Service(compose, "nginx")["environment"];
        var port = Expose().Match(File.ReadAllText(RepositoryFiles.PathOf("deploy/Dockerfile"))).Groups[1].Value;
        Assert.NotEmpty(port);
        for (var i = 0; i < Instances.Length; i++)
        {
            Assert.Equal($"{Address(Service(compose, Instances[i]))}:{port}", Scalar(nginx[$"DASHBOARD_APP{i + 1}"]));
        }
    }

    [Fact]
    public void Instances_trust_forwarded_headers_from_nginx_only_and_get_longer_to_stop_than_their_shutdown_bound()
    {
        var compose = Compose();
        var nginx = Address(Service(compose, "nginx"));
        foreach (var name in Instances)
        {
            var app = Service(compose, name);
            var environment = (YamlMappingNode)Get(app, "environment")!;
            Assert.Equal(nginx, Scalar(environment["Dashboard__ForwardedHeaders__KnownProxies__0"]));

            var shutdown = TimeSpan.Parse(Scalar(environment["Dashboard__ShutdownTimeout"]), System.Globalization.CultureInfo.InvariantCulture);
            var grace = Scalar(Get(app, "stop_grace_period"));
            Assert.EndsWith("s", grace, StringComparison.Ordinal);
            Assert.True(TimeSpan.FromSeconds(int.Parse(grace.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture)) > shutdown, $"{name}: stop_grace_period {grace} is not longer than ShutdownTimeout {shutdown}");
        }
    }
}
