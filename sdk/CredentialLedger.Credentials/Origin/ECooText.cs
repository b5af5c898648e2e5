using System.Globalization;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// The one text form of each non-string value in the XML and JSON: a value has exactly one spelling, so the same
/// certificate always gives the same bytes and a reader never has to choose between spellings.
/// </summary>
internal static class ECooText
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string DateFormat = "yyyy-MM-dd";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Plain decimal digits, no exponent, no trailing fractional zeros: 1.5, 12, 0.25.</summary>
    public static string Quantity(decimal quantity) => quantity.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time) && Time(time) == text;

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && Date(date) == text;

    /// <summary>Accepts only the form <see cref="Quantity"/> writes.</summary>
    public static bool TryParseQuantity(string text, out decimal quantity)
    {
        quantity = 0;
        if (text.Length is 0 or > 40 || !text.All(c => char.IsAsciiDigit(c) || c == '.'))
            return false;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quantity) && Quantity(quantity) == text;
    }

    /// <summary>Accepts only canonical decimal integers: 1, 2, 10 (no sign, no leading zeros).</summary>
    public static bool TryParseInteger(string text, out int value)
    {
        value = 0;
        return text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && Integer(value) == text;
    }
}
