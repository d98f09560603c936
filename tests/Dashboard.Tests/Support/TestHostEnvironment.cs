using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Support;

/// <summary>A host environment with just a content root, for types built by hand in unit tests.</summary>
internal sealed class TestHostEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Testing";

    public string ApplicationName { get; set; } = "Dashboard";

    public string ContentRootPath { get; set; } = "";

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
