using System.Buffers.Binary;
using System.Numerics;

namespace CredentialLedger.Evm.Rlp;

/// <summary>
/// Writes RLP (Yellow Paper appendix B) into a caller-supplied span. Callers first add up the static
/// <c>LengthOf…</c> helpers, allocate (or stackalloc, or rent) exactly that many bytes, then write; nothing here
/// allocates. Integers are written as minimal big-endian byte strings, so zero is the empty string (0x80).
/// </summary>
public ref struct RlpWriter
{
    /// <summary>Encoded length of a 20-byte address: 0x94 prefix plus 20 bytes.</summary>
    public const int AddressLength = 1 + Address.Size;

    /// <summary>Encoded length of a 32-byte hash: 0xa0 prefix plus 32 bytes.</summary>
    public const int HashLength = 1 + Hash32.Size;

    // Appendix B: payloads shorter than 56 bytes use a one-byte header (0x80+len / 0xc0+len).
    private const int ShortLimit = 56;
    private const byte StringOffset = 0x80;
    private const byte ListOffset = 0xc0;
    private const byte LongStringOffset = 0xb7;
    private const byte LongListOffset = 0xf7;

    private readonly Span<byte> _destination;
    private int _position;

    /// <summary>Starts writing at the beginning of <paramref name="destination"/>.</summary>
    public RlpWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    /// <summary>Number of bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _destination[.._position];

    /// <summary>Encoded length of a byte string.</summary>
    public static int LengthOfBytes(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < StringOffset ? 1 : LengthOfHeader(value.Length) + value.Length;

    /// <summary>Encoded length of an integer (minimal big-endian; zero is the empty string).</summary>
    public static int LengthOfInteger(ulong value) =>
        value < StringOffset ? 1 : 1 + ByteCount(value);

    /// <summary>Encoded length of an integer (minimal big-endian; zero is the empty string).</summary>
    public static int LengthOfInteger(UInt128 value) =>
        value <= ulong.MaxValue ? LengthOfInteger((ulong)value) : 1 + 16 - (int)(UInt128.LeadingZeroCount(value) / 8);

    /// <summary>Encoded length of a non-negative integer (minimal big-endian; zero is the empty string).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static int LengthOfInteger(BigInteger value)
    {
        if (value.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(value), "RLP integers are unsigned.");
        if (value <= ulong.MaxValue)
            return LengthOfInteger((ulong)value);
        var count = value.GetByteCount(isUnsigned: true);
        return LengthOfHeader(count) + count;
    }

    /// <summary>Encoded length of a list whose items take <paramref name="payloadLength"/> bytes.</summary>
    public static int LengthOfList(int payloadLength) => LengthOfHeader(payloadLength) + payloadLength;

    /// <summary>Encoded length of an address, or of the empty string when it is null (contract creation).</summary>
    public static int LengthOfAddress(Address? value) => value is null ? 1 : AddressLength;

    /// <summary>Writes bytes that are already encoded (a nested item, or an EIP-2718 type byte).</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(_destination[_position..]);
        _position += encoded.Length;
    }

    /// <summary>Writes one raw byte, such as an EIP-2718 transaction type.</summary>
    public void WriteRawByte(byte value) => _destination[_position++] = value;

    /// <summary>Writes a byte string; a single byte below 0x80 is its own encoding.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < StringOffset)
        {
            _destination[_position++] = value[0];
            return;
        }
        WriteHeader(value.Length, StringOffset, LongStringOffset);
        WriteRaw(value);
    }

    /// <summary>Writes an integer as a minimal big-endian byte string.</summary>
    public void WriteInteger(ulong value)
    {
        if (value == 0)
        {
            _destination[_position++] = StringOffset;
            return;
        }
        if (value < StringOffset)
        {
            _destination[_position++] = (byte)value;
            return;
        }
        var count = ByteCount(value);
        _destination[_position++] = (byte)(StringOffset + count);
        WriteBigEndian(value, count);
    }

    /// <summary>Writes an integer as a minimal big-endian byte string.</summary>
    public void WriteInteger(UInt128 value)
    {
        if (value <= ulong.MaxValue)
        {
            WriteInteger((ulong)value);
            return;
        }
        var count = 16 - (int)(UInt128.LeadingZeroCount(value) / 8);
        _destination[_position++] = (byte)(StringOffset + count);
        Span<byte> buffer = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(buffer, value);
        WriteRaw(buffer[(16 - count)..]);
    }

    /// <summary>Writes a non-negative integer as a minimal big-endian byte string.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public void WriteInteger(BigInteger value)
    {
        if (value.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(value), "RLP integers are unsigned.");
        // Fees and values nearly always fit 64 bits; that path avoids BigInteger's byte counting.
        if (value <= ulong.MaxValue)
        {
            WriteInteger((ulong)value);
            return;
        }
        var count = value.GetByteCount(isUnsigned: true);
        WriteHeader(count, StringOffset, LongStringOffset);
        value.TryWriteBytes(_destination.Slice(_position, count), out _, isUnsigned: true, isBigEndian: true);
        _position += count;
    }

    /// <summary>Writes a 20-byte address.</summary>
    public void WriteAddress(Address value)
    {
        _destination[_position++] = StringOffset + Address.Size;
        value.CopyTo(_destination.Slice(_position, Address.Size));
        _position += Address.Size;
    }

    /// <summary>Writes an address, or the empty string for null (the <c>to</c> of a contract creation).</summary>
    public void WriteAddress(Address? value)
    {
        if (value is { } address)
            WriteAddress(address);
        else
            _destination[_position++] = StringOffset;
    }

    /// <summary>Writes a 32-byte hash (a storage key in an EIP-2930 access list, for example).</summary>
    public void WriteHash(Hash32 value)
    {
        _destination[_position++] = StringOffset + Hash32.Size;
        value.CopyTo(_destination.Slice(_position, Hash32.Size));
        _position += Hash32.Size;
    }

    /// <summary>Writes a list header; the caller then writes items totalling <paramref name="payloadLength"/> bytes.</summary>
    public void WriteListHeader(int payloadLength) => WriteHeader(payloadLength, ListOffset, LongListOffset);

    private void WriteHeader(int length, byte shortOffset, byte longOffset)
    {
        if (length < ShortLimit)
        {
            _destination[_position++] = (byte)(shortOffset + length);
            return;
        }
        var count = ByteCount((ulong)length);
        _destination[_position++] = (byte)(longOffset + count);
        WriteBigEndian((ulong)length, count);
    }

    private void WriteBigEndian(ulong value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            _destination[_position + i] = (byte)value;
            value >>= 8;
        }
        _position += count;
    }

    private static int LengthOfHeader(int payloadLength) =>
        payloadLength < ShortLimit ? 1 : 1 + ByteCount((ulong)payloadLength);

    private static int ByteCount(ulong value) => 8 - BitOperations.LeadingZeroCount(value) / 8;
}
