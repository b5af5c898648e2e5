using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace CredentialLedger.Evm.Abi;

/// <summary>
/// Strict Solidity ABI decoder (Solidity ABI specification, "Formal Specification of the Encoding").
/// </summary>
/// <remarks>
/// <para>
/// Policy: the decoder accepts exactly the canonical encoding, i.e. the bytes <see cref="AbiEncoder"/> would produce
/// for the decoded values, and throws <see cref="AbiDecodingException"/> (with the byte offset) for anything else:
/// </para>
/// <list type="bullet">
/// <item>truncated data, offsets or lengths that point past the end (including 2^256−1);</item>
/// <item>dirty high bits in <c>uintN</c> (N &lt; 256), <c>address</c> and <c>bool</c> words (bool must be 0 or 1),
/// and <c>intN</c> words that are not the sign extension of an N-bit value;</item>
/// <item>non-zero padding after <c>bytesN</c>, <c>bytes</c> and <c>string</c>, and a payload whose final padding is
/// missing, even partly;</item>
/// <item>a <c>string</c> that is not valid UTF-8;</item>
/// <item>any offset other than the canonical one: each dynamic component's tail must start exactly where the
/// previous tail ended (so offsets are 32-byte aligned, never overlap or alias, and never skip bytes);</item>
/// <item>trailing bytes after the encoding.</item>
/// </list>
/// <para>
/// Why strict: the contracts this SDK reads are compiled by solc, whose encoder only emits canonical data, so a
/// non-canonical payload indicates a bug or an attack; and the canonical-offset rule means each input byte is read
/// once, so decoding time and allocations are linear in the input. Lengths are checked against the remaining data
/// (length × minimum element size) before anything is allocated, and recursion follows the type, whose nesting is
/// bounded by <see cref="AbiType.MaxNestingDepth"/>.
/// </para>
/// </remarks>
public static class AbiDecoder
{
    private const int Word = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes the tuple of <paramref name="types"/> from <paramref name="data"/> (no selector).</summary>
    /// <exception cref="AbiDecodingException">The data is not the canonical encoding of the types.</exception>
    public static IReadOnlyList<AbiValue> Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        var reader = new Reader(data);
        var values = reader.ReadTuple(types, 0, out var end, 0);
        if (end != data.Length)
            throw new AbiDecodingException($"{data.Length - end} trailing bytes after the encoding", end);
        return values;
    }

    /// <summary>Decodes one value of one type.</summary>
    /// <exception cref="AbiDecodingException">The data is not the canonical encoding of the type.</exception>
    public static AbiValue Decode(AbiType type, ReadOnlySpan<byte> data) => Decode([type], data)[0];

    /// <summary>Decodes a single 32-byte word as a static elementary type (used for indexed event topics).</summary>
    internal static AbiValue DecodeWord(AbiType type, ReadOnlySpan<byte> word)
    {
        var reader = new Reader(word);
        return reader.ReadValue(type, 0, out _, 0);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        /// <summary>Reads a tuple whose encoding starts at <paramref name="start"/>; <paramref name="end"/> is where its tail ends.</summary>
        public readonly AbiValue[] ReadTuple(IReadOnlyList<AbiType> types, int start, out int end, int depth)
        {
            long headSize = 0;
            foreach (var type in types)
                headSize += type.HeadSize;
            Require(start, headSize, "tuple head");
            var values = new AbiValue[types.Count];
            var head = start;
            var tail = (int)(start + headSize);
            for (var i = 0; i < types.Count; i++)
            {
                var type = types[i];
                if (type.IsDynamic)
                {
                    var offset = ReadSize(head, "offset");
                    if (start + (long)offset >= _data.Length)
                        throw new AbiDecodingException($"offset {offset} points past the end of the data", head);
                    if (start + offset != tail)
                        throw new AbiDecodingException($"non-canonical offset {offset} (expected {tail - start})", head);
                    values[i] = ReadValue(type, tail, out tail, depth + 1);
                    head += Word;
                }
                else
                {
                    values[i] = ReadValue(type, head, out head, depth + 1);
                }
            }
            end = tail;
            return values;
        }

        /// <summary>Reads the full encoding of one value at <paramref name="at"/>.</summary>
        public readonly AbiValue ReadValue(AbiType type, int at, out int end, int depth)
        {
            if (depth > AbiType.MaxNestingDepth * 2)
                throw new AbiDecodingException("nesting too deep", at);
            switch (type)
            {
                case AbiUIntType u:
                    {
                        var word = ReadWord(at);
                        // uintN occupies the low N bits; the rest must be zero (spec: "higher-order bits padded with zero").
                        if (u.Bits < 256 && word[..(Word - u.Bits / 8)].ContainsAnyExcept((byte)0))
                            throw new AbiDecodingException($"{type} word has non-zero high bits", at);
                        end = at + Word;
                        return AbiValue.Uint(new BigInteger(word, isUnsigned: true, isBigEndian: true));
                    }
                case AbiIntType s:
                    {
                        var word = ReadWord(at);
                        var value = new BigInteger(word, isUnsigned: false, isBigEndian: true);
                        // intN is sign-extended to 256 bits; anything else is out of intN's range.
                        if (value.GetBitLength() > s.Bits - 1)
                            throw new AbiDecodingException($"{type} word is not a sign-extended {s.Bits}-bit value", at);
                        end = at + Word;
                        return AbiValue.Int(value);
                    }
                case AbiAddressType:
                    {
                        var word = ReadWord(at);
                        if (word[..(Word - Evm.Address.Size)].ContainsAnyExcept((byte)0))
                            throw new AbiDecodingException("address word has non-zero high bytes", at);
                        end = at + Word;
                        return AbiValue.Address(new Address(word[(Word - Evm.Address.Size)..]));
                    }
                case AbiBoolType:
                    {
                        var word = ReadWord(at);
                        if (word[..(Word - 1)].ContainsAnyExcept((byte)0) || word[Word - 1] > 1)
                            throw new AbiDecodingException("bool word is neither 0 nor 1", at);
                        end = at + Word;
                        return AbiValue.Bool(word[Word - 1] == 1);
                    }
                case AbiFixedBytesType f:
                    {
                        var word = ReadWord(at);
                        if (word[f.Size..].ContainsAnyExcept((byte)0))
                            throw new AbiDecodingException($"{type} has non-zero padding", at + f.Size);
                        end = at + Word;
                        return AbiValue.FixedBytes(word[..f.Size]);
                    }
                case AbiBytesType:
                    return AbiValue.Bytes(ReadPayload(at, out end));
                case AbiStringType:
                    {
                        var payload = ReadPayload(at, out end);
                        try
                        {
                            return AbiValue.String(StrictUtf8.GetString(payload));
                        }
                        catch (DecoderFallbackException e)
                        {
                            throw new AbiDecodingException("string is not valid UTF-8", at + Word + Math.Max(0, e.Index), e);
                        }
                    }
                case AbiFixedArrayType fa:
                    return AbiValue.Array(ReadElements(fa.Element, fa.Length, at, out end, depth));
                case AbiArrayType a:
                    {
                        var count = ReadSize(at, "array length");
                        // Each element needs at least its head size, so a length the data cannot hold is rejected
                        // before anything is allocated (2^64 elements behind one word must not allocate).
                        var headSize = a.Element.HeadSize;
                        if ((long)count * headSize > _data.Length - (at + Word))
                            throw new AbiDecodingException($"array length {count} exceeds the remaining data", at);
                        return AbiValue.Array(ReadElements(a.Element, count, at + Word, out end, depth));
                    }
                case AbiTupleType t:
                    return AbiValue.Tuple(ReadTuple(t.Components, at, out end, depth));
                default:
                    throw new AbiDecodingException($"unsupported type {type}", at);
            }
        }

        private readonly AbiValue[] ReadElements(AbiType element, int count, int start, out int end, int depth)
        {
            Require(start, (long)element.HeadSize * count, "array elements");
            var types = new AbiType[count];
            System.Array.Fill(types, element);
            return ReadTuple(types, start, out end, depth);
        }

        /// <summary>Reads a length-prefixed, zero-padded byte string (bytes, string).</summary>
        private readonly ReadOnlySpan<byte> ReadPayload(int at, out int end)
        {
            var length = ReadSize(at, "length");
            var start = at + Word;
            if (length > _data.Length - start)
                throw new AbiDecodingException($"length {length} exceeds the remaining {_data.Length - start} bytes", at);
            var padded = (length + 31L) / Word * Word;
            if (padded > _data.Length - start)
                throw new AbiDecodingException("the final padding is missing", _data.Length);
            var padding = _data.Slice(start + length, (int)padded - length);
            var dirty = padding.IndexOfAnyExcept((byte)0);
            if (dirty >= 0)
                throw new AbiDecodingException("non-zero padding after the payload", start + length + dirty);
            end = start + (int)padded;
            return _data.Slice(start, length);
        }

        /// <summary>Reads a word that must hold an offset or length small enough to index the data.</summary>
        private readonly int ReadSize(int at, string what)
        {
            var word = ReadWord(at);
            if (word[..(Word - 8)].ContainsAnyExcept((byte)0))
                throw new AbiDecodingException($"{what} does not fit in 64 bits", at);
            var value = BinaryPrimitives.ReadUInt64BigEndian(word[(Word - 8)..]);
            if (value > (ulong)_data.Length)
                throw new AbiDecodingException($"{what} {value} exceeds the data size {_data.Length}", at);
            return (int)value;
        }

        private readonly ReadOnlySpan<byte> ReadWord(int at)
        {
            Require(at, Word, "word");
            return _data.Slice(at, Word);
        }

        private readonly void Require(int at, long count, string what)
        {
            if (at < 0 || count > _data.Length - (long)at)
                throw new AbiDecodingException($"{what} needs {count} bytes but only {Math.Max(0, _data.Length - at)} remain", at);
        }
    }
}
