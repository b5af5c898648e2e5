using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm;

/// <summary>A 32-byte value: a Keccak-256 digest, a block or transaction hash, a storage key or a log topic.</summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>, ISpanFormattable
{
    /// <summary>Length in bytes.</summary>
    public const int Size = 32;

    /// <summary>The all-zero value.</summary>
    public static readonly Hash32 Zero;

    // Four big-endian words: equality and hashing without a heap array.
    private readonly ulong _w0, _w1, _w2, _w3;

    /// <summary>Creates a hash from exactly 32 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"A Hash32 is {Size} bytes, but {bytes.Length} were given.", nameof(bytes));
        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>Parses 64 hex digits, with or without <c>0x</c>.</summary>
    /// <exception cref="HexFormatException">Not exactly 32 bytes of hex.</exception>
    public static Hash32 Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        Span<byte> bytes = stackalloc byte[Size];
        HexConverter.ToBytes(hex, bytes);
        return new Hash32(bytes);
    }

    /// <summary>Tries to parse 64 hex digits, with or without <c>0x</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? hex, out Hash32 hash)
    {
        hash = default;
        if (hex is null || !HexConverter.TryToBytes(hex, out var bytes) || bytes.Length != Size)
            return false;
        hash = new Hash32(bytes);
        return true;
    }

    /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"Destination must hold {Size} bytes.", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    /// <summary>Returns a new array holding the 32 bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>True for the all-zero value.</summary>
    public bool IsZero => (_w0 | _w1 | _w2 | _w3) == 0;

    /// <inheritdoc/>
    public bool Equals(Hash32 other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    /// <inheritdoc/>
    public int CompareTo(Hash32 other)
    {
        var c = _w0.CompareTo(other._w0);
        if (c != 0) return c;
        c = _w1.CompareTo(other._w1);
        if (c != 0) return c;
        c = _w2.CompareTo(other._w2);
        return c != 0 ? c : _w3.CompareTo(other._w3);
    }

    /// <summary>Lowercase hex with <c>0x</c>.</summary>
    public override string ToString()
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
        charsWritten = 0;
        if (destination.Length < 2 + Size * 2)
            return false;
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        destination[0] = '0';
        destination[1] = 'x';
        Convert.TryToHexStringLower(bytes, destination[2..], out var written);
        charsWritten = 2 + written;
        return true;
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);

    /// <summary>Ordering, as big-endian unsigned integers.</summary>
    public static bool operator <(Hash32 left, Hash32 right) => left.CompareTo(right) < 0;

    /// <summary>Ordering, as big-endian unsigned integers.</summary>
    public static bool operator >(Hash32 left, Hash32 right) => left.CompareTo(right) > 0;

    /// <summary>Ordering, as big-endian unsigned integers.</summary>
    public static bool operator <=(Hash32 left, Hash32 right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering, as big-endian unsigned integers.</summary>
    public static bool operator >=(Hash32 left, Hash32 right) => left.CompareTo(right) >= 0;
}
