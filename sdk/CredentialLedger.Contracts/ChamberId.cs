using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Contracts;

/// <summary>
/// A chamber of commerce's id: a non-zero <c>bytes16</c> chosen by its member, normally short ASCII text stored as
/// Solidity's <c>bytes16("KZ-ATAMEKEN")</c> does: the characters first, zero bytes after. The zero id is reserved
/// (it marks a member's own signing keys), so this type never holds it except as <c>default(ChamberId)</c>; where
/// the chain answers zero the clients return <see langword="null"/>.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct ChamberId : IEquatable<ChamberId>, IComparable<ChamberId>, ISpanFormattable
{
    /// <summary>Length in bytes (<c>bytes16</c>).</summary>
    public const int Size = 16;

    private readonly ulong _hi, _lo;

    /// <summary>Creates an id from its 16 <c>bytes16</c> bytes (any non-zero value the chain may hold).</summary>
    /// <exception cref="ArgumentException">Not 16 bytes, or all zero.</exception>
    public ChamberId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"A chamber id is {Size} bytes (bytes16), but {bytes.Length} were given.", nameof(bytes));
        _hi = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _lo = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        if ((_hi | _lo) == 0)
            throw new ArgumentException("The zero chamber id is reserved: it marks a member's own keys.", nameof(bytes));
    }

    /// <summary>
    /// The id of ASCII text such as <c>KZ-ATAMEKEN</c>: 1 to 16 printable ASCII characters without spaces
    /// (<c>!</c> to <c>~</c>), left-aligned and zero-padded like Solidity's <c>bytes16("…")</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is empty, longer than 16, or not printable ASCII.</exception>
    public static ChamberId FromAscii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryFromAscii(text, out var id, out var error))
            throw new FormatException(error);
        return id;
    }

    /// <summary>Tries <see cref="FromAscii"/>.</summary>
    public static bool TryFromAscii([NotNullWhen(true)] string? text, out ChamberId id) =>
        TryFromAscii(text, out id, out _);

    /// <summary>
    /// Parses what <see cref="ToString()"/> prints: ASCII text (see <see cref="FromAscii"/>), or <c>0x</c> and 32 hex
    /// digits for ids that are not ASCII text. The two cannot be confused: ASCII ids have at most 16 characters.
    /// </summary>
    /// <exception cref="FormatException">Neither form, or the zero id.</exception>
    public static ChamberId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var id, out var error))
            throw new FormatException(error);
        return id;
    }

    /// <summary>Tries <see cref="Parse"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ChamberId id) => TryParse(text, out id, out _);

    /// <summary>Whether this is a valid id (false only for <c>default(ChamberId)</c>).</summary>
    public bool IsValid => (_hi | _lo) != 0;

    /// <summary>The <c>bytes16</c> value.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Writes the 16 <c>bytes16</c> bytes.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 16 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"The destination needs {Size} bytes.", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _hi);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _lo);
    }

    /// <summary>
    /// The ASCII text when the id is printable ASCII followed only by zero bytes (<c>KZ-ATAMEKEN</c>), otherwise
    /// <c>0x</c> and 32 hex digits.
    /// </summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        var length = bytes.IndexOf((byte)0);
        if (length < 0)
            length = Size;
        var ascii = length > 0 && !bytes[length..].ContainsAnyExcept((byte)0);
        for (var i = 0; ascii && i < length; i++)
            ascii = IsIdChar(bytes[i]);
        return ascii ? string.Create(length, (_hi, _lo), static (chars, v) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = (char)((i < 8 ? v._hi >> (56 - 8 * i) : v._lo >> (56 - 8 * (i - 8))) & 0xff);
        }) : HexConverter.ToHex(bytes);
    }

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
    public bool Equals(ChamberId other) => _hi == other._hi && _lo == other._lo;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChamberId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_hi, _lo);

    /// <summary>Orders by the <c>bytes16</c> value.</summary>
    public int CompareTo(ChamberId other) => _hi != other._hi ? _hi.CompareTo(other._hi) : _lo.CompareTo(other._lo);

    /// <summary>Equality.</summary>
    public static bool operator ==(ChamberId left, ChamberId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ChamberId left, ChamberId right) => !left.Equals(right);

    /// <summary>Ordering by the <c>bytes16</c> value.</summary>
    public static bool operator <(ChamberId left, ChamberId right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by the <c>bytes16</c> value.</summary>
    public static bool operator >(ChamberId left, ChamberId right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by the <c>bytes16</c> value.</summary>
    public static bool operator <=(ChamberId left, ChamberId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by the <c>bytes16</c> value.</summary>
    public static bool operator >=(ChamberId left, ChamberId right) => left.CompareTo(right) >= 0;

    private static bool IsIdChar(int c) => c is >= 0x21 and <= 0x7e;

    private static bool TryFromAscii(string? text, out ChamberId id, out string error)
    {
        id = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "A chamber id needs 1 to 16 ASCII characters; the text is empty.";
            return false;
        }
        if (text.Length > Size)
        {
            error = $"A chamber id has at most {Size} ASCII characters (bytes16), but '{Shorten(text)}' has {text.Length}.";
            return false;
        }
        Span<byte> bytes = stackalloc byte[Size];
        bytes.Clear();
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsIdChar(text[i]))
            {
                error = $"'{Shorten(text)}' is not a chamber id: character {i} is not printable ASCII without spaces ('!' to '~').";
                return false;
            }
            bytes[i] = (byte)text[i];
        }
        id = new ChamberId(bytes);
        error = "";
        return true;
    }

    private static bool TryParse(string? text, out ChamberId id, out string error)
    {
        id = default;
        if (text is { Length: 2 + Size * 2 } && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!HexConverter.TryToBytes(text, out var bytes))
            {
                error = $"'{text}' is not a chamber id: it starts with 0x but is not 32 hex digits.";
                return false;
            }
            if (!bytes.AsSpan().ContainsAnyExcept((byte)0))
            {
                error = "The zero chamber id is reserved: it marks a member's own keys.";
                return false;
            }
            id = new ChamberId(bytes);
            error = "";
            return true;
        }
        return TryFromAscii(text, out id, out error);
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
