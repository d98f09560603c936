using System.Globalization;
using System.Reflection;
using System.Text;
using Dashboard.Panels;

namespace Dashboard.Admin;

/// <summary>The panel options the per-field form has no hand-made field for (<see cref="PanelInput"/>'s own properties),
/// made into fields from <see cref="PanelOptions"/> itself: an option added there appears on the form, in the panel
/// editor and beside its preview, without editing the form. Text and numbers are text inputs, yes/no options a select
/// (always posted); options that are lists of objects (table columns) stay in the dashboard's JSON ("Advanced") and
/// are kept as they are when the form saves.</summary>
public static class PanelExtraFields
{
    public sealed record Field(string Name, string Label, PropertyInfo Property)
    {
        public bool IsToggle => Type == typeof(bool);

        public Type Type => Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;
    }

    private static readonly Type[] Supported = [typeof(string), typeof(int), typeof(double), typeof(bool)];

    /// <summary>Every option without a hand-made field, in declaration order.</summary>
    public static IReadOnlyList<Field> All { get; } = Discover(typeof(PanelOptions), typeof(PanelInput));

    /// <summary>The settable options of <paramref name="options"/> of a supported type that <paramref name="form"/> has no
    /// property for.</summary>
    internal static IReadOnlyList<Field> Discover(Type options, Type form) =>
    [
        .. options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && form.GetProperty(p.Name) is null)
            .Where(p => Supported.Contains(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
            .OrderBy(p => p.MetadataToken)
            .Select(p => new Field(p.Name, Humanize(p.Name), p)),
    ];

    /// <summary>The fields' text for <paramref name="panel"/> (empty for an option that is not set).</summary>
    public static Dictionary<string, string?> ValuesOf(object panel, IReadOnlyList<Field>? fields = null) =>
        (fields ?? All).ToDictionary(f => f.Name, f => Text(f.Property.GetValue(panel)), StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets the options from their fields' text; what cannot be parsed is reported under the option's name.
    /// An option whose field was not posted keeps its value.</summary>
    public static void Apply(object panel, IReadOnlyDictionary<string, string?> values, AdminFieldErrors errors, IReadOnlyList<Field>? fields = null)
    {
        foreach (var field in fields ?? All)
        {
            if (!values.TryGetValue(field.Name, out var text))
            {
                continue;
            }

            var empty = string.IsNullOrWhiteSpace(text);
            var nullable = !field.Property.PropertyType.IsValueType || Nullable.GetUnderlyingType(field.Property.PropertyType) is not null;
            if (empty && nullable)
            {
                field.Property.SetValue(panel, null);
                continue;
            }

            var trimmed = (text ?? "").Trim();
            object? value = field.Type switch
            {
                _ when field.Type == typeof(string) => text,
                _ when field.Type == typeof(bool) && bool.TryParse(trimmed, out var flag) => flag,
                _ when field.Type == typeof(int) && int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => whole,
                _ when field.Type == typeof(double) && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
                _ => null,
            };
            if (value is null)
            {
                errors.Add(field.Name, field.Type == typeof(int) ? $"'{text}' is not a whole number" : field.Type == typeof(bool) ? $"'{text}' is not on or off" : $"'{text}' is not a number");
                continue;
            }

            field.Property.SetValue(panel, value);
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    // "ThresholdStyle" → "Threshold style", "TopN" → "Top N".
    private static string Humanize(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var boundary = i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            text.Append(boundary ? " " : "").Append(boundary && i + 1 < name.Length && char.IsLower(name[i + 1]) ? char.ToLowerInvariant(name[i]) : name[i]);
        }

        return text.ToString();
    }
}
