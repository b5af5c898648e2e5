using System.Numerics;

namespace CredentialLedger.Evm.Rlp;

/// <summary>
/// A strict (canonical) RLP reader over a span, per Yellow Paper appendix B. Every item must be in its one
/// canonical form: a single byte below 0x80 is never wrapped as a string, long-form headers are used only for
/// 56 bytes or more and carry no leading zero bytes, and no declared length runs past its container. Geth and
/// Nethermind enforce the same rules; accepting a second encoding of the same value would give one transaction two
/// hashes. Integer reads also reject leading zero bytes (so zero must be 0x80) and values too wide for the target.
/// Failures throw <see cref="RlpException"/> with the byte position in the original input.
/// </summary>
public ref struct RlpReader
{
    private const int ShortLimit = 56;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _offset;
    private int _position;

    /// <summary>Reads the items of <paramref name="data"/>, which must be exactly the encoded bytes.</summary>
    public RlpReader(ReadOnlySpan<byte> data) : this(data, 0) { }

    /// <summary>Reads <paramref name="data"/>, reporting positions as if it began at <paramref name="offset"/> of a larger input.</summary>
    internal RlpReader(ReadOnlySpan<byte> data, int offset)
    {
        _data = data;
        _offset = offset;
        _position = 0;
    }

    /// <summary>Offset of the next item, counted from the start of the outermost input.</summary>
    public readonly int Position => _offset + _position;

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool IsAtEnd => _position >= _data.Length;

    /// <summary>True when the next item is a list.</summary>
    /// <exception cref="RlpException">No item is left.</exception>
    public readonly bool PeekIsList()
    {
        if (IsAtEnd)
            RlpThrow.Malformed("Expected an RLP item but the input ended", Position);
        return _data[_position] >= 0xc0;
    }

    /// <summary>Reads a byte string and returns its payload.</summary>
    /// <exception cref="RlpException">The item is a list or malformed.</exception>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var start = Position;
        var header = ReadHeader();
        if (header.IsList)
            RlpThrow.Malformed("Expected a byte string but found a list", start);
        return Take(header.Length);
    }

    /// <summary>Reads a list and returns a reader over its items; call <see cref="ReadEnd"/> on it when done.</summary>
    /// <exception cref="RlpException">The item is a byte string or malformed.</exception>
    public RlpReader ReadList()
    {
        var start = Position;
        var header = ReadHeader();
        if (!header.IsList)
            RlpThrow.Malformed("Expected a list but found a byte string", start);
        var payloadOffset = Position;
        return new RlpReader(Take(header.Length), payloadOffset);
    }

    /// <summary>Reads one whole item, header included, without interpreting it.</summary>
    public ReadOnlySpan<byte> ReadEncodedItem()
    {
        var start = _position;
        var header = ReadHeader();
        Take(header.Length);
        return _data[start.._position];
    }

    /// <summary>Requires that nothing follows: no trailing bytes after a top-level item, no extra list items.</summary>
    /// <exception cref="RlpException">Bytes remain.</exception>
    public readonly void ReadEnd()
    {
        if (!IsAtEnd)
            RlpThrow.Malformed($"{_data.Length - _position} unexpected trailing byte(s)", Position);
    }

    /// <summary>Reads an unsigned integer of at most 8 bytes.</summary>
    /// <exception cref="RlpException">Leading zeros, a list, or more than 64 bits.</exception>
    public ulong ReadUInt64()
    {
        var start = Position;
        var bytes = ReadIntegerBytes(8, "64 bits", start);
        ulong value = 0;
        foreach (var b in bytes)
            value = (value << 8) | b;
        return value;
    }

    /// <summary>Reads an unsigned integer of at most 32 bytes (an EVM word: values, fees, r and s).</summary>
    /// <exception cref="RlpException">Leading zeros, a list, or more than 256 bits.</exception>
    public BigInteger ReadUInt256() => ReadBigInteger(32);

    /// <summary>Reads an unsigned integer of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="RlpException">Leading zeros, a list, or too many bytes.</exception>
    public BigInteger ReadBigInteger(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var start = Position;
        var bytes = ReadIntegerBytes(maxBytes, $"{maxBytes * 8} bits", start);
        if (bytes.Length <= 8)
        {
            ulong value = 0;
            foreach (var b in bytes)
                value = (value << 8) | b;
            return value;
        }
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads exactly 20 bytes as an address.</summary>
    /// <exception cref="RlpException">Not a 20-byte string.</exception>
    public Address ReadAddress()
    {
        var start = Position;
        var bytes = ReadBytes();
        if (bytes.Length != Address.Size)
            RlpThrow.Malformed($"An address is {Address.Size} bytes, but {bytes.Length} were found", start);
        return new Address(bytes);
    }

    /// <summary>Reads an address, or null for the empty string (the <c>to</c> of a contract creation).</summary>
    /// <exception cref="RlpException">Neither empty nor 20 bytes.</exception>
    public Address? ReadOptionalAddress()
    {
        var start = Position;
        var bytes = ReadBytes();
        if (bytes.IsEmpty)
            return null;
        if (bytes.Length != Address.Size)
            RlpThrow.Malformed($"An address is {Address.Size} bytes or empty, but {bytes.Length} were found", start);
        return new Address(bytes);
    }

    /// <summary>Reads exactly 32 bytes as a hash.</summary>
    /// <exception cref="RlpException">Not a 32-byte string.</exception>
    public Hash32 ReadHash32()
    {
        var start = Position;
        var bytes = ReadBytes();
        if (bytes.Length != Hash32.Size)
            RlpThrow.Malformed($"A 32-byte value was expected, but {bytes.Length} bytes were found", start);
        return new Hash32(bytes);
    }

    private ReadOnlySpan<byte> ReadIntegerBytes(int maxBytes, string limit, int start)
    {
        var bytes = ReadBytes();
        if (bytes.Length > maxBytes)
            RlpThrow.Malformed($"Integer of {bytes.Length} bytes exceeds {limit}", start);
        // A leading zero byte gives a second encoding of the same number (and 0x00 a second zero besides 0x80).
        if (bytes.Length > 0 && bytes[0] == 0)
            RlpThrow.Malformed("Integer has a leading zero byte", start);
        return bytes;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    /// <summary>Decodes the header at the current position and leaves the position at the payload.</summary>
    private Header ReadHeader()
    {
        var start = _position;
        if (start >= _data.Length)
            RlpThrow.Malformed("Expected an RLP item but the input ended", Position);
        var prefix = _data[start];
        _position++;
        var remaining = _data.Length - _position;

        if (prefix < 0x80)
        {
            _position--; // the byte is its own payload
            return new Header(1, isList: false);
        }
        if (prefix <= 0xb7)
        {
            var length = prefix - 0x80;
            if (length > remaining)
                RlpThrow.Malformed($"String of {length} bytes runs past the end of its container ({remaining} left)", _offset + start);
            if (length == 1 && _data[_position] < 0x80)
                RlpThrow.Malformed("Single byte below 0x80 must not be wrapped as a string", _offset + start);
            return new Header(length, isList: false);
        }
        if (prefix <= 0xbf)
            return new Header(ReadLongLength(prefix - 0xb7, start, "String"), isList: false);
        if (prefix <= 0xf7)
        {
            var length = prefix - 0xc0;
            if (length > remaining)
                RlpThrow.Malformed($"List of {length} bytes runs past the end of its container ({remaining} left)", _offset + start);
            return new Header(length, isList: true);
        }
        return new Header(ReadLongLength(prefix - 0xf7, start, "List"), isList: true);
    }

    private int ReadLongLength(int lengthOfLength, int start, string kind)
    {
        var remaining = _data.Length - _position;
        if (lengthOfLength > remaining)
            RlpThrow.Malformed($"{kind} length prefix of {lengthOfLength} bytes runs past the end", _offset + start);
        if (_data[_position] == 0)
            RlpThrow.Malformed($"{kind} length prefix has a leading zero byte", _offset + start);
        // Accumulate in a ulong and compare before any slicing or allocation: a 0xbf ff…ff prefix claims 2^64-1
        // bytes and must fail here, on arithmetic, not by running out of memory.
        ulong length = 0;
        for (var i = 0; i < lengthOfLength; i++)
            length = (length << 8) | _data[_position + i];
        _position += lengthOfLength;
        remaining -= lengthOfLength;
        if (length < ShortLimit)
            RlpThrow.Malformed($"{kind} of {length} bytes must use the short form", _offset + start);
        if (length > (ulong)remaining)
            RlpThrow.Malformed($"{kind} of {length} bytes runs past the end of its container ({remaining} left)", _offset + start);
        return (int)length;
    }

    private readonly struct Header(int length, bool isList)
    {
        public int Length { get; } = length;

        public bool IsList { get; } = isList;
    }
}
