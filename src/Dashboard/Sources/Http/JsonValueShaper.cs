using System.Text.Json;

namespace Dashboard.Sources.Http;

/// <summary>Turns selected JSON into a <see cref="SourceValue"/> of the configured shape; a mismatch throws a
/// non-transient <see cref="SourceFailureException"/> saying what was expected, where, and what was found.
/// <list type="bullet">
/// <item>Scalar: a number; a numeric string (invariant culture) becomes a number; other strings and booleans become text;
/// an array (or wildcard) of exactly one item yields that item.</item>
/// <item>Series: an array (or wildcard matches) of numbers / numeric strings (X null), of objects with a numeric
/// <c>y</c> (also <c>v</c> or <c>value</c>) and an optional <c>x</c> (also <c>t</c> or <c>label</c>), or of
/// <c>[x, y]</c> pairs; a selected object of numbers becomes points labelled by key.</item>
/// <item>Table: an array (or wildcard matches) of objects; columns are the union of keys in first-seen order,
/// cells are text (numbers as written, nested objects/arrays as compact JSON, null stays null); rows past
/// <see cref="ShapingLimitsOptions.MaxRows"/> are dropped and the table marked truncated.</item>
/// </list>
/// Every shape keeps to <see cref="ShapingLimitsOptions"/>: text is cut to the cell limit; too many columns or
/// series points fail the source.</summary>
public static class JsonValueShaper
{
    public static SourceValue Shape(JsonSelection selection, ValueShape shape, ShapingLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxRows);
        return shape switch
        {
            ValueShape.Scalar => ShapeScalar(selection, limits),
            ValueShape.Series => JsonSeriesShaper.Shape(selection, limits),
            ValueShape.Table => JsonTableShaper.Shape(selection, limits),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape"),
        };
    }

    /// <summary>Shapes a single element (for example a whole document).</summary>
    public static SourceValue Shape(JsonElement element, ValueShape shape, ShapingLimitsOptions limits) =>
        Shape(JsonSelection.Of(element), shape, limits);

    private static SourceValue ShapeScalar(JsonSelection selection, ShapingLimitsOptions limits)
    {
        JsonElement element;
        if (selection.IsMultiple)
        {
            element = selection.Matches.Count == 1 ? selection.Matches[0] : throw Expected(selection, JsonShapeSupport.DescribeSelection(selection));
        }
        else
        {
            element = selection.Single;
            if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 1)
            {
                element = element[0];
            }
        }

        if (JsonShapeSupport.TryGetNumber(element, out var number))
        {
            return SourceValue.OfNumber(number);
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => SourceValue.OfText(limits.Cut(element.GetString()) ?? ""),
            JsonValueKind.True => SourceValue.OfText("true"),
            JsonValueKind.False => SourceValue.OfText("false"),
            JsonValueKind.Number => throw SourceFailureException.UnexpectedData($"number at '{selection.Path}' is out of range"),
            _ => throw Expected(selection, JsonKindText.Describe(element)),
        };
    }

    private static SourceFailureException Expected(JsonSelection selection, string found) =>
        SourceFailureException.UnexpectedData($"expected a number or text at '{selection.Path}', found {found}");
}
