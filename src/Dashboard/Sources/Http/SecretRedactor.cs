namespace Dashboard.Sources.Http;

/// <summary>Remembers the secret values resolved for one request and masks them in any text that leaves the
/// source (reasons, previews): defence in depth should a server or an exception echo them.</summary>
internal sealed class SecretRedactor
{
    public const string Mask = "***";

    // Masking very short values would garble the text without protecting anything real.
    private const int MinimumLength = 4;

    private readonly List<string> values = [];

    /// <summary>Records a resolved value and, since the resolver only returns whole strings, also the part that
    /// differs from the template's literal prefix/suffix ("Bearer {secret:T}" → the token itself).</summary>
    public void Add(string template, string resolved)
    {
        var prefix = 0;
        while (prefix < template.Length && prefix < resolved.Length && template[prefix] == resolved[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < template.Length - prefix && suffix < resolved.Length - prefix
            && template[^(suffix + 1)] == resolved[^(suffix + 1)])
        {
            suffix++;
        }

        AddValue(resolved);
        AddValue(resolved[prefix..^suffix]);
    }

    public string Redact(string text)
    {
        foreach (var value in values)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The value with every text in it redacted (a scalar, series labels, table cells), so an upstream that
    /// echoes a secret (a reflected Authorization header) cannot have it selected onto a page; numbers are left as they are.</summary>
    public SourceValue Redact(SourceValue value)
    {
        if (values.Count == 0)
        {
            return value;
        }

        return value with
        {
            Text = value.Text is null ? null : Redact(value.Text),
            Points = value.Points?.Select(p => p.X is null ? p : p with { X = Redact(p.X) }).ToList(),
            Table = value.Table is null ? null : value.Table with
            {
                Columns = [.. value.Table.Columns.Select(Redact)],
                Rows = [.. value.Table.Rows.Select(row => (IReadOnlyList<string?>)[.. row.Select(cell => cell is null ? null : Redact(cell))])],
            },
        };
    }

    private void AddValue(string value)
    {
        // The URL-escaped form too, as a value sent in the query may show up escaped.
        foreach (var form in new[] { value, Uri.EscapeDataString(value) })
        {
            if (form.Length >= MinimumLength && !values.Contains(form))
            {
                values.Add(form);
            }
        }

        // Longest first, so a value containing another is masked whole.
        values.Sort((a, b) => b.Length.CompareTo(a.Length));
    }
}
