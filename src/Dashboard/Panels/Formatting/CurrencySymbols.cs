namespace Dashboard.Panels.Formatting;

/// <summary>Symbols written before an amount for common currencies; any other code is written after it ("12.00 SEK").
/// A fixed list: with invariant globalization the runtime has no regional currency data.</summary>
public static class CurrencySymbols
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EUR"] = "€", ["USD"] = "$", ["GBP"] = "£", ["JPY"] = "¥", ["CNY"] = "CN¥", ["INR"] = "₹", ["KRW"] = "₩",
        ["BRL"] = "R$", ["CAD"] = "CA$", ["AUD"] = "A$", ["NZD"] = "NZ$", ["HKD"] = "HK$", ["MXN"] = "MX$",
        ["ILS"] = "₪", ["VND"] = "₫", ["PHP"] = "₱", ["UAH"] = "₴", ["TRY"] = "₺", ["NGN"] = "₦",
    };

    public static string? Prefix(string code) => Symbols.GetValueOrDefault(code);
}
