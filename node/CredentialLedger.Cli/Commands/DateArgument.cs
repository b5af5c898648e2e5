using System.CommandLine.Parsing;
using System.Globalization;

namespace CredentialLedger.Cli.Commands;

/// <summary>Parses dates (2026-01-01, taken as UTC midnight) and times (2026-01-01T09:30:00+09:00) for options.</summary>
internal static class DateArgument
{
    public static DateTimeOffset? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var time))
            return time;
        result.AddError($"'{text}' is not a date (2026-01-01) or a time (2026-01-01T09:30:00Z).");
        return null;
    }

    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
