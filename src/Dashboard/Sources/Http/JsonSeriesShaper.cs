using System.Text.Json;

namespace Dashboard.Sources.Http;

/// <summary>Builds a series. Accepted items: numbers or numeric strings (no X); objects with a y
/// (or <c>v</c> / <c>value</c>) and an optional x (or <c>t</c> / <c>label</c>); <c>[x, y]</c> pairs (Prometheus-style).
/// A selected object of numbers (<c>{"mon": 3, "tue": 5}</c>) becomes points labelled by key. More points than the
/// limit fail the source; labels are cut to the cell limit.</summary>
internal static class JsonSeriesShaper
{
    private static readonly string[] XKeys = ["x", "t", "label"];
    private static readonly string[] YKeys = ["y", "v", "value"];

    public static SourceValue Shape(JsonSelection selection, ShapingLimitsOptions limits)
    {
        if (!selection.IsMultiple && selection.Single.ValueKind == JsonValueKind.Object)
        {
            return FromObject(selection, limits);
        }

        var items = JsonShapeSupport.Items(selection)
            ?? throw SourceFailureException.UnexpectedData($"expected an array at '{selection.Path}', found {JsonShapeSupport.DescribeSelection(selection)}");
        limits.CheckSeriesPoints(items.Count, "response");
        var points = new List<SeriesPoint>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var point = Point(items[i], selection, i);
            points.Add(point with { X = limits.Cut(point.X) });
        }

        return SourceValue.OfSeries(points);
    }

    private static SourceValue FromObject(JsonSelection selection, ShapingLimitsOptions limits)
    {
        limits.CheckSeriesPoints(selection.Single.EnumerateObject().Count(), "response");
        var points = new List<SeriesPoint>();
        foreach (var property in selection.Single.EnumerateObject())
        {
            if (!JsonShapeSupport.TryGetNumber(property.Value, out var y))
            {
                throw SourceFailureException.UnexpectedData(
                    $"expected a number at key '{property.Name}' of '{selection.Path}', found {JsonKindText.Describe(property.Value)}");
            }

            points.Add(new SeriesPoint(limits.Cut(property.Name), y));
        }

        return SourceValue.OfSeries(points);
    }

    private static SeriesPoint Point(JsonElement item, JsonSelection selection, int index)
    {
        if (JsonShapeSupport.TryGetNumber(item, out var bare))
        {
            return new SeriesPoint(null, bare);
        }

        var at = JsonShapeSupport.At(selection, index);
        switch (item.ValueKind)
        {
            case JsonValueKind.Object:
                var y = FirstOf(item, YKeys)
                    ?? throw SourceFailureException.UnexpectedData($"expected a numeric y at {at}, found an object without a y, v or value key");
                return new SeriesPoint(Label(FirstOf(item, XKeys), at), Number(y, at));
            case JsonValueKind.Array when item.GetArrayLength() == 2:
                return new SeriesPoint(Label(item[0], at), Number(item[1], at));
            default:
                throw SourceFailureException.UnexpectedData(
                    $"expected a number, an {{x, y}} object or an [x, y] pair at {at}, found {JsonKindText.Describe(item)}");
        }
    }

    private static JsonElement? FirstOf(JsonElement item, string[] keys)
    {
        foreach (var key in keys)
        {
            if (item.TryGetProperty(key, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static double Number(JsonElement y, string at) => JsonShapeSupport.TryGetNumber(y, out var number)
        ? number
        : throw SourceFailureException.UnexpectedData($"expected a numeric y at {at}, found {JsonKindText.Describe(y)}");

    private static string? Label(JsonElement? x, string at) => x?.ValueKind switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.Object or JsonValueKind.Array =>
            throw SourceFailureException.UnexpectedData($"expected x to be text or a number at {at}, found {JsonKindText.Describe(x.Value)}"),
        _ => JsonShapeSupport.ToText(x.Value),
    };
}
