using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Panels.Formatting;

namespace Dashboard.Panels.Charts;

/// <summary>The "Show as table" markup of a timeseries, written once per data (a few hundred rows would otherwise be
/// thousands of render frames on every render). Every text and attribute goes through the HTML encoder, as Razor's
/// would. A sampled table says so under it and links to where every row is.</summary>
public static class ChartDataTableMarkup
{
    /// <param name="allRowsHref">Where the table has every row (the panel's full-width view), linked under a sample.</param>
    public static string For(string title, ChartTable table, TimeZoneInfo zone, string? allRowsHref = null)
    {
        var encoder = HtmlEncoder.Default;
        var html = new StringBuilder(256 + table.Rows.Count * (40 + 30 * table.Series.Count));
        html.Append("<details class=\"chart-data\"><summary>Show as table</summary><div class=\"table-scroll\"><table><caption class=\"visually-hidden\">")
            .Append(encoder.Encode(title))
            .Append("</caption><thead><tr><th scope=\"col\">Time (")
            .Append(encoder.Encode(ChartSummary.ZoneName(zone)))
            .Append(")</th>");
        for (var i = 0; i < table.Series.Count; i++)
        {
            html.Append(table.Bands[i] ? "<th scope=\"col\" class=\"bucket-range\">" : "<th scope=\"col\">").Append(encoder.Encode(table.Series[i])).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            // The row's time once, as <time datetime> (the hover script reads it there too), not again in a data-t attribute.
            html.Append("<tr><th scope=\"row\"><time datetime=\"").Append(row.Iso).Append("\">")
                .Append(encoder.Encode(row.Label)).Append("</time></th>");
            for (var i = 0; i < row.Cells.Count; i++)
            {
                // A band's cells carry no data-v: the hover script reads the series' own columns only.
                var cell = row.Cells[i];
                html.Append(table.Bands[i] ? "<td class=\"bucket-range\">" : cell.Raw is null ? "<td>" : $"<td data-v=\"{encoder.Encode(cell.Raw)}\">")
                    .Append(encoder.Encode(cell.Text)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>");
        if (table.IsSample)
        {
            html.Append("<p class=\"note\">").Append(table.Rows.Count).Append(" of ").Append(table.Total).Append(" rows, evenly spaced.");
            if (allRowsHref is not null)
            {
                html.Append(" All rows: <a href=\"").Append(encoder.Encode(allRowsHref)).Append("\">Open full width</a>");
            }

            html.Append("</p>");
        }

        return html.Append("</details>").ToString();
    }
}
