using Dashboard.Configuration.Provisioning;

namespace Dashboard.Configuration;

/// <summary>Decides which version of each provisioning unit is in force. A unit that cannot be read, or whose items are
/// invalid, never replaces its last good version: that one stays in force and the problem is reported with the file
/// and the line. Each unit is decided on its own, so one broken file does not hold back a good edit of another; changes
/// that only work together (a new source in one file, the dashboard using it in another) are tried together first.
/// A change is accepted when the provisioned items are valid among themselves (files may only rely on files: a fresh
/// database with the same folder must give the same dashboards) and the whole configuration, stored items included,
/// stays valid (removing a source a stored dashboard uses is refused, and says so).</summary>
public static class ProvisioningAcceptance
{
    public sealed record Result(
        IReadOnlyDictionary<string, ProvisionedFile> Accepted,
        MergedConfig? Merged,
        IReadOnlyList<ProvisioningProblem> Problems);

    /// <param name="read">Every unit as read now, in order (appsettings.json first, then folder files by path).</param>
    /// <param name="lastGood">The version of each unit in force until now, by path.</param>
    /// <param name="stored">The stored items.</param>
    /// <param name="validate">The configuration validator (messages keyed like <c>Dashboard:Sources:x:Http:Url</c>).</param>
    public static Result Accept(
        IReadOnlyList<ProvisionedFile> read,
        IReadOnlyDictionary<string, ProvisionedFile> lastGood,
        StoredConfiguration stored,
        Func<DashboardOptions, IReadOnlyList<string>> validate)
    {
        var order = read.Select(f => f.Path).ToList();
        var accepted = new Dictionary<string, ProvisionedFile>(lastGood, StringComparer.Ordinal);
        var problems = new List<ProvisioningProblem>();
        var changes = new List<(string Path, ProvisionedFile? Next)>();
        foreach (var file in read)
        {
            if (!file.Readable)
            {
                problems.AddRange(file.Problems);
            }
            else if (!accepted.TryGetValue(file.Path, out var good) || good.Hash != file.Hash)
            {
                changes.Add((file.Path, file));
            }
        }

        changes.AddRange(accepted.Keys.Where(path => !order.Contains(path)).Select(path => (path, (ProvisionedFile?)null)));

        IReadOnlyList<ProvisionedFile> Units(Dictionary<string, ProvisionedFile> set) =>
            [.. set.Values.OrderBy(f => order.IndexOf(f.Path) is var at and >= 0 ? at : int.MaxValue).ThenBy(f => f.Path, StringComparer.Ordinal)];

        Dictionary<string, ProvisionedFile> With(IEnumerable<(string Path, ProvisionedFile? Next)> applied)
        {
            var set = new Dictionary<string, ProvisionedFile>(accepted, StringComparer.Ordinal);
            foreach (var (path, next) in applied)
            {
                if (next is null)
                {
                    set.Remove(path);
                }
                else
                {
                    set[path] = next;
                }
            }

            return set;
        }

        if (changes.Count > 0 && Check(Units(With(changes)), stored, validate, changes.Select(c => c.Path).ToHashSet()).Count == 0)
        {
            accepted = With(changes);
        }
        else if (changes.Count > 0)
        {
            var remaining = changes.ToList();
            for (var progress = true; progress;)
            {
                progress = false;
                foreach (var change in remaining.ToList())
                {
                    if (Check(Units(With([change])), stored, validate, new HashSet<string> { change.Path }).Count == 0)
                    {
                        accepted = With([change]);
                        remaining.Remove(change);
                        progress = true;
                    }
                }
            }

            foreach (var change in remaining)
            {
                problems.AddRange(Explain(change, Check(Units(With([change])), stored, validate, new HashSet<string> { change.Path })));
            }
        }

        var merged = MergedConfig.Merge(Units(accepted), stored);
        var errors = validate(merged.Options);
        if (errors.Count > 0)
        {
            // Not the files' doing (each accepted version was valid with the stored items): a stored item no longer fits,
            // e.g. a connection was removed from the configuration. Nothing new goes in force; the messages say why.
            problems.AddRange(errors.Select(e => merged.Attribute(e).Problem));
            return new Result(accepted, null, Distinct(problems));
        }

        return new Result(accepted, merged, Distinct(problems));
    }

    /// <summary>Every problem with putting <paramref name="units"/> in force together with the stored items, as
    /// (unit concerned or null, problem); empty when they can be.</summary>
    private static List<(string? File, ProvisioningProblem Problem)> Check(
        IReadOnlyList<ProvisionedFile> units, StoredConfiguration stored, Func<DashboardOptions, IReadOnlyList<string>> validate, IReadOnlySet<string> changed)
    {
        var found = new List<(string?, ProvisioningProblem)>();

        // Duplicates are the changed unit's fault whichever of the two comes first.
        var provisioned = MergedConfig.Merge(units, StoredConfiguration.Empty);
        found.AddRange(provisioned.Duplicates.Select(d => ((string?)d.File, d.Problem)));
        found.AddRange(DuplicatesAgainst(units, changed));
        found.AddRange(validate(provisioned.Options).Where(e => !MergedConfig.IsGlobal(e)).Select(e => provisioned.Attribute(ExplainStoredSource(e, stored))));

        var merged = MergedConfig.Merge(units, stored);
        found.AddRange(validate(merged.Options).Select(merged.Attribute));
        return [.. found.DistinctBy(f => f.Item2.ToString())];
    }

    // A changed unit that redefines an item of an earlier, unchanged unit is in conflict; Merge blames the later unit,
    // which here may be the unchanged one.
    private static IEnumerable<(string?, ProvisioningProblem)> DuplicatesAgainst(IReadOnlyList<ProvisionedFile> units, IReadOnlySet<string> changed)
    {
        for (var at = 0; at < units.Count; at++)
        {
            var unit = units[at];
            if (!changed.Contains(unit.Path))
            {
                continue;
            }

            foreach (var other in units.Skip(at + 1).Where(u => !changed.Contains(u.Path)))
            {
                foreach (var source in unit.Sources.Where(s => other.Sources.Any(o => string.Equals(o.Name, s.Name, StringComparison.OrdinalIgnoreCase))))
                {
                    var there = other.Sources.First(o => string.Equals(o.Name, source.Name, StringComparison.OrdinalIgnoreCase));
                    yield return (unit.Path, unit.ProblemAt(source.Key, $"the source '{source.Name}' is already defined in {there.Origin}"));
                }

                foreach (var dashboard in unit.Dashboards.Where(d => other.Dashboards.Any(o => string.Equals(o.Dashboard.Slug, d.Dashboard.Slug, StringComparison.OrdinalIgnoreCase))))
                {
                    var there = other.Dashboards.First(o => string.Equals(o.Dashboard.Slug, dashboard.Dashboard.Slug, StringComparison.OrdinalIgnoreCase));
                    yield return (unit.Path, unit.ProblemAt(dashboard.Key, $"the dashboard '{dashboard.Dashboard.Slug}' is already defined in {there.Origin}"));
                }
            }
        }
    }

    // "unknown source 'x'" where x was created in the admin area: say why a file cannot use it, and what to do.
    private static string ExplainStoredSource(string error, StoredConfiguration stored)
    {
        const string unknown = "unknown source '";
        var at = error.IndexOf(unknown, StringComparison.Ordinal);
        if (at < 0 || !error.EndsWith('\'') )
        {
            return error;
        }

        var name = error[(at + unknown.Length)..^1];
        return stored.Options.Sources.ContainsKey(name)
            ? $"{error}: it was created in the admin area, and a file may only use sources defined in files (put its exported file in the folder's sources/)"
            : error;
    }

    /// <summary>Why <paramref name="change"/> stays out: its own problems, or, when the trouble is elsewhere (a removed
    /// file whose items are still used, an edit that breaks a stored dashboard), what it would break.</summary>
    private static IEnumerable<ProvisioningProblem> Explain((string Path, ProvisionedFile? Next) change, List<(string? File, ProvisioningProblem Problem)> found)
    {
        var own = found.Where(f => f.File == change.Path && !(change.Next is null)).Select(f => f.Problem).ToList();
        if (own.Count > 0)
        {
            return own;
        }

        var what = change.Next is null ? "was removed, but its items are still needed" : "this change would break other items";
        return [new ProvisioningProblem(change.Path, null, $"{what}; the last good version stays in force: {string.Join("; ", found.Select(f => f.Problem.ToString()))}")];
    }

    private static List<ProvisioningProblem> Distinct(IEnumerable<ProvisioningProblem> problems) => [.. problems.DistinctBy(p => p.ToString())];
}
