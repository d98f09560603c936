using System.Text.Json.Nodes;

namespace Dashboard.Tests.Support;

/// <summary>What <c>dotnet run --project src/Dashboard</c> gives the app: the environment of the project's first
/// launch profile (src/Dashboard/Properties/launchSettings.json), or Production when it sets none.</summary>
public static class LaunchProfile
{
    public static string Environment()
    {
        var file = RepositoryFiles.PathOf("src/Dashboard/Properties/launchSettings.json");
        var profile = File.Exists(file)
            ? JsonNode.Parse(File.ReadAllText(file))!["profiles"]!.AsObject()
                .Select(p => p.Value)
                .FirstOrDefault(p => (string?)p!["commandName"] == "Project")
            : null;
        return (string?)profile?["environmentVariables"]?["ASPNETCORE_ENVIRONMENT"] ?? "Production";
    }
}
