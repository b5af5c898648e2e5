using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace CredentialLedger.Contracts;

/// <summary>
/// A member's code: its ISO 3166-1 alpha-2 country code, two upper-case ASCII letters, stored on chain as
/// <c>bytes2</c> (<c>"KZ"</c> = <c>0x4b5a</c>). The registries refuse any other code
/// (<c>MemberRegistryInvalidCode</c>), so this type does too. <c>default(MemberCode)</c> is not a valid code; where
/// the chain answers <c>0x0000</c> ("no member") the clients return <see langword="null"/> instead.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct MemberCode : IEquatable<MemberCode>, IComparable<MemberCode>, ISpanFormattable
{
    /// <summary>Length in bytes (<c>bytes2</c>).</summary>
    public const int Size = 2;

    private readonly ushort _value;

    private MemberCode(ushort value) => _value = value;

    /// <summary>Creates a code from its two <c>bytes2</c> bytes.</summary>
    /// <exception cref="ArgumentException">Not two bytes, or not two upper-case ASCII letters.</exception>
    public MemberCode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"A member code is {Size} bytes (bytes2), but {bytes.Length} were given.", nameof(bytes));
        if (!IsLetter(bytes[0]) || !IsLetter(bytes[1]))
            throw new ArgumentException(
                $"0x{bytes[0]:x2}{bytes[1]:x2} is not a member code: expected two upper-case ASCII letters (A-Z).", nameof(bytes));
        _value = (ushort)(bytes[0] << 8 | bytes[1]);
    }

    /// <summary>Parses a code such as <c>KZ</c>: exactly two upper-case ASCII letters, nothing else.</summary>
    /// <exception cref="FormatException">The text is not two upper-case ASCII letters.</exception>
    public static MemberCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var code))
            throw new FormatException(
                $"'{Shorten(text)}' is not a member code: expected two upper-case ASCII letters (an ISO 3166-1 alpha-2 code such as \"KZ\").");
        return code;
    }

    /// <summary>Tries to parse a code; see <see cref="Parse"/> for the rules.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MemberCode code)
    {
        code = default;
        if (text is not { Length: Size } || !IsLetter(text[0]) || !IsLetter(text[1]))
            return false;
        code = new MemberCode((ushort)(text[0] << 8 | text[1]));
        return true;
    }

    /// <summary>Whether this is a valid code (false only for <c>default(MemberCode)</c>).</summary>
    public bool IsValid => _value != 0;

    /// <summary>The <c>bytes2</c> value.</summary>
    public byte[] ToArray() => [(byte)(_value >> 8), (byte)_value];

    /// <summary>Writes the two <c>bytes2</c> bytes.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 2 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"The destination needs {Size} bytes.", nameof(destination));
        destination[0] = (byte)(_value >> 8);
        destination[1] = (byte)_value;
    }

    /// <summary>The two letters, e.g. <c>KZ</c> (<c>""</c> for <c>default(MemberCode)</c>).</summary>
    public override string ToString() => IsValid ? string.Create(2, _value, static (s, v) => { s[0] = (char)(v >> 8); s[1] = (char)(v & 0xff); }) : "";

    /// <inheritdoc cref="ToString()"/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToString();
        charsWritten = 0;
        if (!text.AsSpan().TryCopyTo(destination))
            return false;
        charsWritten = text.Length;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(MemberCode other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MemberCode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value;

    /// <summary>Orders as the registries do: by the <c>bytes2</c> value, which is alphabetical order.</summary>
    public int CompareTo(MemberCode other) => _value.CompareTo(other._value);

    /// <summary>Equality.</summary>
    public static bool operator ==(MemberCode left, MemberCode right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(MemberCode left, MemberCode right) => !left.Equals(right);

    /// <summary>Ordering by the <c>bytes2</c> value.</summary>
    public static bool operator <(MemberCode left, MemberCode right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by the <c>bytes2</c> value.</summary>
    public static bool operator >(MemberCode left, MemberCode right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by the <c>bytes2</c> value.</summary>
    public static bool operator <=(MemberCode left, MemberCode right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by the <c>bytes2</c> value.</summary>
    public static bool operator >=(MemberCode left, MemberCode right) => left.CompareTo(right) >= 0;

    private static bool IsLetter(int c) => c is >= 'A' and <= 'Z';

    private static string Shorten(string text) => text.Length <= 16 ? text : text[..16] + "…";
}
