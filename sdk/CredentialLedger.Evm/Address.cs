using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm;

/// <summary>A 20-byte account address. Formats with the EIP-55 mixed-case checksum.</summary>
public readonly struct Address : IEquatable<Address>, IComparable<Address>, ISpanFormattable
{
    /// <summary>Length in bytes.</summary>
    public const int Size = 20;

    /// <summary>The zero address.</summary>
    public static readonly Address Zero;

    private readonly ulong _w0, _w1;
    private readonly uint _w2;

    /// <summary>Creates an address from exactly 20 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 20 bytes long.</exception>
    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"An Address is {Size} bytes, but {bytes.Length} were given.", nameof(bytes));
        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>
    /// Parses 40 hex digits, with or without <c>0x</c>. All-lowercase and all-uppercase are accepted as they are;
    /// mixed case must carry a valid EIP-55 checksum, because a wrong one means a typo.
    /// </summary>
    /// <exception cref="HexFormatException">Wrong length, non-hex text, or a bad checksum.</exception>
    public static Address Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParseCore(text, out var address, out var error))
            throw new HexFormatException(error);
        return address;
    }

    /// <summary>Tries to parse an address; see <see cref="Parse"/> for the rules.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Address address)
    {
        address = default;
        return text is not null && TryParseCore(text, out address, out _);
    }

    private static bool TryParseCore(string text, out Address address, out string error)
    {
        address = default;
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        if (digits.Length != Size * 2)
        {
            error = $"An address has {Size * 2} hex digits, but '{Truncate(text)}' has {digits.Length}.";
            return false;
        }
        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(digits, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            error = $"'{Truncate(text)}' is not hexadecimal.";
            return false;
        }
        address = new Address(bytes);
        var hasLower = digits.ContainsAnyInRange('a', 'f');
        var hasUpper = digits.ContainsAnyInRange('A', 'F');
        if (hasLower && hasUpper && !digits.SequenceEqual(address.ToChecksumString().AsSpan(2)))
        {
            error = $"'{Truncate(text)}' has mixed case but an invalid EIP-55 checksum.";
            address = default;
            return false;
        }
        error = string.Empty;
        return true;
    }

    /// <summary>Writes the 20 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"Destination must hold {Size} bytes.", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _w2);
    }

    /// <summary>Returns a new array holding the 20 bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>True for the zero address.</summary>
    public bool IsZero => (_w0 | _w1 | _w2) == 0;

    /// <summary>
    /// EIP-55: hex digit i is upper-cased when nibble i of keccak256(lowercase hex text) is 8 or more.
    /// </summary>
    public string ToChecksumString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        Span<byte> lower = stackalloc byte[Size * 2];
        for (var i = 0; i < Size; i++)
        {
            lower[2 * i] = (byte)"0123456789abcdef"[bytes[i] >> 4];
            lower[2 * i + 1] = (byte)"0123456789abcdef"[bytes[i] & 0xF];
        }
        Span<byte> hash = stackalloc byte[Keccak256.Size];
        Keccak256.Hash(lower, hash);
        return string.Create(2 + Size * 2, (lower.ToArray(), hash.ToArray()), static (chars, state) =>
        {
            var (letters, digest) = state;
            chars[0] = '0';
            chars[1] = 'x';
            for (var i = 0; i < letters.Length; i++)
            {
                var nibble = (i % 2 == 0 ? digest[i / 2] >> 4 : digest[i / 2]) & 0xF;
                var c = (char)letters[i];
                chars[2 + i] = c >= 'a' && nibble >= 8 ? char.ToUpperInvariant(c) : c;
            }
        });
    }

    /// <summary>The EIP-55 checksummed form.</summary>
    public override string ToString() => ToChecksumString();

    /// <summary>Lowercase hex with <c>0x</c>, as JSON-RPC filters and logs carry it.</summary>
    public string ToLowerHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return HexConverter.ToHex(bytes);
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToChecksumString();
        charsWritten = 0;
        if (!text.AsSpan().TryCopyTo(destination))
            return false;
        charsWritten = text.Length;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(Address other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2);

    /// <inheritdoc/>
    public int CompareTo(Address other)
    {
        var c = _w0.CompareTo(other._w0);
        if (c != 0) return c;
        c = _w1.CompareTo(other._w1);
        return c != 0 ? c : _w2.CompareTo(other._w2);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Address left, Address right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    /// <summary>Ordering, as big-endian unsigned integers.</summary>
    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    /// <summary>Ordering, as big-endian unsigned integers.</summary>
    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    /// <summary>Ordering, as big-endian unsigned integers.</summary>
    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering, as big-endian unsigned integers.</summary>
    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;

    private static string Truncate(string text) => text.Length <= 50 ? text : string.Concat(text.AsSpan(0, 47), "...");
}
