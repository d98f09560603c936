namespace Dashboard.Admin;

/// <summary>Validation messages by form field (the configuration key below the item, e.g. <c>Http:Url</c>);
/// messages that belong to no field are listed under <see cref="General"/>.</summary>
public sealed class AdminFieldErrors
{
    public const string General = "";

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Adds every message of <paramref name="other"/> under its field.</summary>
    public void AddAll(AdminFieldErrors other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, messages) in other.errors)
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
    }

    public IReadOnlyList<string> For(string field) => errors.TryGetValue(field, out var list) ? list : [];

    public IEnumerable<string> All => errors.SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : $"{e.Key}: {m}"));

    /// <summary>Files validator errors for the item under <paramref name="itemKey"/> (e.g. <c>Dashboard:Sources:weather</c>)
    /// by field; errors for other items are ignored (they were there before this edit).</summary>
    public void AddValidatorErrors(IEnumerable<string> validatorErrors, string itemKey, IReadOnlySet<string> knownFields)
    {
        foreach (var error in validatorErrors)
        {
            if (!error.StartsWith(itemKey, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = error[itemKey.Length..];
            if (rest.StartsWith(": ", StringComparison.Ordinal))
            {
                Add("Name", rest[2..]);
                continue;
            }

            if (!rest.StartsWith(':'))
            {
                continue; // Another item whose key merely starts the same way.
            }

            var separator = rest.IndexOf(": ", StringComparison.Ordinal);
            var field = separator < 0 ? rest[1..] : rest[1..separator];
            var message = separator < 0 ? error : rest[(separator + 2)..];
            Add(knownFields.Contains(field) ? field : General, knownFields.Contains(field) ? FormMessages.ForField(message) : $"{field}: {message}");
        }
    }
}
