namespace Dashboard.Panels.Charts;

/// <summary>At most a given number of items out of a time-ordered list, spread evenly over its time span: the span is cut
/// into equally spaced slots (the first at the first item's time, the last at the last item's), and each slot keeps the
/// real item nearest to it (the earlier one on a tie). Items are never invented or repeated, so where times are uneven
/// (a gap, a burst) several slots share an item and fewer than <c>cap</c> are kept; the first and last always are.</summary>
public static class EvenSample
{
    /// <param name="items">In ascending order of <paramref name="time"/>, each time once.</param>
    /// <param name="time">An item's time, e.g. Unix milliseconds.</param>
    /// <param name="cap">The most items kept (at least 2: the first and the last).</param>
    public static IReadOnlyList<T> Pick<T>(IReadOnlyList<T> items, Func<T, long> time, int cap)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 2);
        if (items.Count <= cap)
        {
            return items;
        }

        var first = time(items[0]);
        var last = time(items[^1]);
        var picked = new List<T>(cap);
        var below = 0; // the last item at or before the slot (slots only move forward, so neither does this)
        var previous = -1;
        for (var slot = 0; slot < cap; slot++)
        {
            // In double: span × slot could overflow a long for far-apart times; the last slot is the last time exactly.
            var at = slot == cap - 1 ? last : first + (double)(last - first) * slot / (cap - 1);
            while (below + 1 < items.Count && time(items[below + 1]) <= at)
            {
                below++;
            }

            var nearest = below + 1 < items.Count && time(items[below + 1]) - at < at - time(items[below]) ? below + 1 : below;
            if (nearest != previous)
            {
                picked.Add(items[nearest]);
                previous = nearest;
            }
        }

        return picked;
    }
}
