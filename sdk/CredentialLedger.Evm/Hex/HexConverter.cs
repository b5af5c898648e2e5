using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace CredentialLedger.Evm.Hex;

/// <summary>
/// Conversions between bytes, quantities and the <c>0x</c>-prefixed hexadecimal text used by Ethereum JSON-RPC.
/// </summary>
/// <remarks>
/// Two encodings exist (Ethereum JSON-RPC spec, "hex encoding"): byte strings ("DATA") have two digits per byte
/// and may be empty (<c>0x</c>); quantities ("QUANTITY") are the shortest form with no leading zeros
/// (<c>0x0</c> for zero, never <c>0x</c> or <c>0x01</c>).
/// </remarks>
public static class HexConverter
{
    /// <summary>Formats bytes as lowercase hex, <c>0x</c>-prefixed unless <paramref name="prefix"/> is false.</summary>
    public static string ToHex(ReadOnlySpan<byte> bytes, bool prefix = true) =>
        prefix ? string.Concat("0x", Convert.ToHexStringLower(bytes)) : Convert.ToHexStringLower(bytes);

    /// <summary>Parses a byte string; the <c>0x</c> prefix is optional, the digit count must be even.</summary>
    /// <exception cref="HexFormatException">The text is not hex or has an odd number of digits.</exception>
    public static byte[] ToBytes(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return ToBytes(hex.AsSpan());
    }

    /// <summary>Parses a byte string; the <c>0x</c> prefix is optional, the digit count must be even.</summary>
    /// <exception cref="HexFormatException">The text is not hex or has an odd number of digits.</exception>
    public static byte[] ToBytes(ReadOnlySpan<char> hex)
    {
        var digits = StripPrefix(hex);
        if (digits.Length % 2 != 0)
            ThrowFormat($"Hex byte string has an odd number of digits ({digits.Length}).");
        var bytes = new byte[digits.Length / 2];
        DecodeInto(digits, bytes, hex.Length - digits.Length);
        return bytes;
    }

    /// <summary>Parses exactly <paramref name="destination"/>.Length bytes of hex into <paramref name="destination"/>.</summary>
    /// <exception cref="HexFormatException">Wrong length or a non-hex character.</exception>
    public static void ToBytes(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        var digits = StripPrefix(hex);
        if (digits.Length != destination.Length * 2)
            ThrowFormat($"Expected {destination.Length * 2} hex digits ({destination.Length} bytes) but found {digits.Length}.");
        DecodeInto(digits, destination, hex.Length - digits.Length);
    }

    /// <summary>Tries to parse a byte string; returns false instead of throwing.</summary>
    public static bool TryToBytes(ReadOnlySpan<char> hex, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        var digits = StripPrefix(hex);
        if (digits.Length % 2 != 0)
            return false;
        var result = new byte[digits.Length / 2];
        if (Convert.FromHexString(digits, result, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != result.Length)
            return false;
        bytes = result;
        return true;
    }

    /// <summary>Formats a non-negative integer as a JSON-RPC quantity (<c>0x0</c>, <c>0x1a</c>).</summary>
    public static string ToQuantity(ulong value) =>
        string.Concat("0x", value.ToString("x", CultureInfo.InvariantCulture));

    /// <summary>Formats a non-negative integer as a JSON-RPC quantity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static string ToQuantity(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value.IsZero)
            return "0x0";
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var hex = Convert.ToHexStringLower(bytes);
        return string.Concat("0x", hex.AsSpan().TrimStart('0'));
    }

    /// <summary>Parses a JSON-RPC quantity into an unsigned 64-bit integer.</summary>
    /// <exception cref="HexFormatException">Not a quantity, or larger than 64 bits.</exception>
    public static ulong ToUInt64(ReadOnlySpan<char> quantity)
    {
        var digits = QuantityDigits(quantity);
        if (digits.Length > 16)
            ThrowFormat($"Quantity '{Shorten(quantity)}' does not fit in 64 bits.");
        return ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a JSON-RPC quantity into a non-negative big integer.</summary>
    /// <exception cref="HexFormatException">Not a quantity.</exception>
    public static BigInteger ToBigInteger(ReadOnlySpan<char> quantity)
    {
        var digits = QuantityDigits(quantity);
        // A leading "0" keeps the parse unsigned: BigInteger reads hex as two's complement.
        Span<char> buffer = digits.Length < 256 ? stackalloc char[digits.Length + 1] : new char[digits.Length + 1];
        buffer[0] = '0';
        digits.CopyTo(buffer[1..]);
        return BigInteger.Parse(buffer, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static ReadOnlySpan<char> QuantityDigits(ReadOnlySpan<char> quantity)
    {
        if (quantity.Length < 3 || quantity[0] != '0' || (quantity[1] != 'x' && quantity[1] != 'X'))
            ThrowFormat($"Quantity '{Shorten(quantity)}' must start with 0x and have at least one digit.");
        var digits = quantity[2..];
        if (digits.Length > 1 && digits[0] == '0')
            ThrowFormat($"Quantity '{Shorten(quantity)}' has a leading zero.");
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
                ThrowFormat($"Quantity '{Shorten(quantity)}' has a non-hex character '{c}'.");
        }
        return digits;
    }

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> hex) =>
        hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? hex[2..] : hex;

    private static void DecodeInto(ReadOnlySpan<char> digits, Span<byte> destination, int offset)
    {
        if (Convert.FromHexString(digits, destination, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            var bad = 0;
            while (bad < digits.Length - 1 && char.IsAsciiHexDigit(digits[bad]))
                bad++;
            ThrowFormat($"Invalid hex character '{digits[bad]}' at position {offset + bad}.");
        }
    }

    private static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= 80 ? text.ToString() : string.Concat(text[..77], "...");

    [DoesNotReturn, StackTraceHidden]
    private static void ThrowFormat(string message) => throw new HexFormatException(message);
}
