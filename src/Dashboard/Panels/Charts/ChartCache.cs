using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Dashboard.Panels.Charts;

/// <summary>Chart work kept for as long as the data it was computed from: a source's value (or a history list) is
/// replaced, never changed, on each fetch, so what was computed from it holds for every render until then and goes away
/// with it. Keyed further by what else the result depends on (the panel's options, the time domain, the size).</summary>
public static class ChartCache
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<object, object>> Entries = new();

    // A data object is drawn by a few panels at most; more keys than this means keys that never repeat.
    private const int MaxPerOwner = 16;

    public static T Get<T>(object owner, object key, Func<T> compute)
        where T : class
    {
        var entries = Entries.GetValue(owner, _ => new ConcurrentDictionary<object, object>());
        if (entries.TryGetValue(key, out var found) && found is T hit)
        {
            return hit;
        }

        var value = compute();
        if (entries.Count < MaxPerOwner)
        {
            entries[key] = value;
        }

        return value;
    }
}
