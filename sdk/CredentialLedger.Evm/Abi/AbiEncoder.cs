using System.Numerics;
using System.Text;

namespace CredentialLedger.Evm.Abi;

/// <summary>
/// Solidity ABI encoder (Solidity ABI specification, "Formal Specification of the Encoding"). Values are checked
/// against their types and the encoded size computed in a first pass; the second pass writes heads and tails into a
/// single array of exactly that size.
/// </summary>
public static class AbiEncoder
{
    private const int Word = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes values as the tuple of <paramref name="types"/> (the parameter encoding, no selector).</summary>
    /// <exception cref="AbiEncodingException">A value does not fit its type, or the counts differ.</exception>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<AbiValue> values) =>
        EncodeWithPrefix(types, values, ReadOnlySpan<byte>.Empty);

    /// <summary>Encodes one value of one type.</summary>
    /// <exception cref="AbiEncodingException">The value does not fit the type.</exception>
    public static byte[] Encode(AbiType type, AbiValue value) => Encode([type], [value]);

    /// <summary>Encodes call data: the function's 4-byte selector followed by the encoded arguments.</summary>
    /// <exception cref="AbiEncodingException">An argument does not fit its type, or the counts differ.</exception>
    public static byte[] EncodeCall(FunctionSignature function, IReadOnlyList<AbiValue> values)
    {
        ArgumentNullException.ThrowIfNull(function);
        return EncodeWithPrefix(function.InputTypes, values, function.Selector.Span);
    }

    /// <summary>Encodes call data: the function's 4-byte selector followed by the encoded arguments.</summary>
    /// <exception cref="AbiEncodingException">An argument does not fit its type, or the counts differ.</exception>
    public static byte[] EncodeCall(FunctionSignature function, params AbiValue[] values) =>
        EncodeCall(function, (IReadOnlyList<AbiValue>)values);

    internal static byte[] EncodeWithPrefix(IReadOnlyList<AbiType> types, IReadOnlyList<AbiValue> values, ReadOnlySpan<byte> prefix)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
            throw new AbiEncodingException($"{types.Count} types but {values.Count} values.");
        long size = 0;
        for (var i = 0; i < types.Count; i++)
            size += types[i].HeadSize + TailSize(types[i], values[i], $"[{i}]");
        if (size + prefix.Length > System.Array.MaxLength)
            throw new AbiEncodingException("The encoding would exceed the maximum array size.");
        var buffer = new byte[prefix.Length + size];
        prefix.CopyTo(buffer);
        var end = WriteTuple(types, values, buffer, prefix.Length);
        System.Diagnostics.Debug.Assert(end == buffer.Length, "size pass and write pass disagree");
        return buffer;
    }

    /// <summary>
    /// Validates <paramref name="value"/> against <paramref name="type"/> and returns the bytes it needs beyond its
    /// head: 0 for static types, the whole encoding for dynamic ones.
    /// </summary>
    private static long TailSize(AbiType type, AbiValue value, string path)
    {
        switch (type)
        {
            case AbiUIntType u:
                {
                    var v = Expect<AbiIntegerValue>(value, AbiValueKind.Uint, type, path).Value;
                    if (v.Sign < 0 || v.GetBitLength() > u.Bits)
                        throw new AbiEncodingException($"{path}: {v} is out of range for {type} (0..2^{u.Bits}-1).");
                    return 0;
                }
            case AbiIntType s:
                {
                    var v = Expect<AbiIntegerValue>(value, AbiValueKind.Int, type, path).Value;
                    // GetBitLength is the two's complement width without the sign bit, so intN holds up to N-1.
                    if (v.GetBitLength() > s.Bits - 1)
                        throw new AbiEncodingException($"{path}: {v} is out of range for {type} (-2^{s.Bits - 1}..2^{s.Bits - 1}-1).");
                    return 0;
                }
            case AbiAddressType:
                Expect<AbiAddressValue>(value, AbiValueKind.Address, type, path);
                return 0;
            case AbiBoolType:
                Expect<AbiBoolValue>(value, AbiValueKind.Bool, type, path);
                return 0;
            case AbiFixedBytesType f:
                {
                    var bytes = Expect<AbiBytesValue>(value, AbiValueKind.FixedBytes, type, path).Value;
                    if (bytes.Length != f.Size)
                        throw new AbiEncodingException($"{path}: {type} needs exactly {f.Size} bytes, got {bytes.Length}.");
                    return 0;
                }
            case AbiBytesType:
                return Word + Padded(Expect<AbiBytesValue>(value, AbiValueKind.Bytes, type, path).Value.Length);
            case AbiStringType:
                {
                    var text = Expect<AbiStringValue>(value, AbiValueKind.String, type, path).Value;
                    int count;
                    try
                    {
                        count = StrictUtf8.GetByteCount(text);
                    }
                    catch (EncoderFallbackException e)
                    {
                        throw new AbiEncodingException($"{path}: the string is not valid UTF-16 (lone surrogate).", e);
                    }
                    return Word + Padded(count);
                }
            case AbiFixedArrayType fa:
                {
                    var items = Expect<AbiArrayValue>(value, AbiValueKind.Array, type, path).Items;
                    if (items.Count != fa.Length)
                        throw new AbiEncodingException($"{path}: {type} needs exactly {fa.Length} elements, got {items.Count}.");
                    var inner = ElementsSize(fa.Element, items, path);
                    return fa.IsDynamic ? inner : 0;
                }
            case AbiArrayType a:
                {
                    var items = Expect<AbiArrayValue>(value, AbiValueKind.Array, type, path).Items;
                    return Word + ElementsSize(a.Element, items, path);
                }
            case AbiTupleType t:
                {
                    var items = Expect<AbiArrayValue>(value, AbiValueKind.Tuple, type, path).Items;
                    if (items.Count != t.Components.Count)
                        throw new AbiEncodingException($"{path}: {type} has {t.Components.Count} components, got {items.Count} values.");
                    long size = 0;
                    for (var i = 0; i < items.Count; i++)
                        size += t.Components[i].HeadSize + TailSize(t.Components[i], items[i], $"{path}.{i}");
                    return t.IsDynamic ? size : 0;
                }
            default:
                throw new AbiEncodingException($"{path}: unsupported type {type}.");
        }
    }

    /// <summary>Size of the k-tuple encoding of the elements (heads plus tails).</summary>
    private static long ElementsSize(AbiType element, IReadOnlyList<AbiValue> items, string path)
    {
        var size = (long)element.HeadSize * items.Count;
        for (var i = 0; i < items.Count; i++)
            size += TailSize(element, items[i], $"{path}[{i}]");
        return size;
    }

    private static T Expect<T>(AbiValue value, AbiValueKind kind, AbiType type, string path) where T : AbiValue =>
        value is T typed && value.Kind == kind
            ? typed
            : throw new AbiEncodingException($"{path}: {type} needs a {kind} value, got {value?.Kind.ToString() ?? "null"}.");

    private static long Padded(int length) => (length + 31L) / Word * Word;

    /// <summary>
    /// Writes the tuple encoding (heads, then tails in order) at <paramref name="start"/>; returns its end. Offsets in
    /// heads are relative to <paramref name="start"/>, as the specification defines them.
    /// </summary>
    private static int WriteTuple(IReadOnlyList<AbiType> types, IReadOnlyList<AbiValue> values, byte[] buffer, int start)
    {
        var head = start;
        var tail = start;
        for (var i = 0; i < types.Count; i++)
            tail += types[i].HeadSize;
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i].IsDynamic)
            {
                WriteUInt(buffer.AsSpan(head, Word), (ulong)(tail - start));
                tail = WriteValue(types[i], values[i], buffer, tail);
                head += Word;
            }
            else
            {
                head = WriteValue(types[i], values[i], buffer, head);
            }
        }
        return tail;
    }

    private static int WriteElements(AbiType element, IReadOnlyList<AbiValue> items, byte[] buffer, int start)
    {
        var types = new AbiType[items.Count];
        System.Array.Fill(types, element);
        return WriteTuple(types, items, buffer, start);
    }

    /// <summary>Writes the full encoding of one value at <paramref name="at"/>; returns the end position.</summary>
    private static int WriteValue(AbiType type, AbiValue value, byte[] buffer, int at)
    {
        switch (type)
        {
            case AbiUIntType or AbiIntType:
                WriteInteger(buffer.AsSpan(at, Word), ((AbiIntegerValue)value).Value);
                return at + Word;
            case AbiAddressType:
                ((AbiAddressValue)value).Value.CopyTo(buffer.AsSpan(at + Word - Evm.Address.Size, Evm.Address.Size));
                return at + Word;
            case AbiBoolType:
                buffer[at + Word - 1] = ((AbiBoolValue)value).Value ? (byte)1 : (byte)0;
                return at + Word;
            case AbiFixedBytesType:
                // bytesN is left-aligned; the buffer is already zero, which is the right padding.
                ((AbiBytesValue)value).Value.Span.CopyTo(buffer.AsSpan(at));
                return at + Word;
            case AbiBytesType:
                {
                    var bytes = ((AbiBytesValue)value).Value.Span;
                    WriteUInt(buffer.AsSpan(at, Word), (ulong)bytes.Length);
                    bytes.CopyTo(buffer.AsSpan(at + Word));
                    return at + Word + (int)Padded(bytes.Length);
                }
            case AbiStringType:
                {
                    var text = ((AbiStringValue)value).Value;
                    var count = StrictUtf8.GetBytes(text, buffer.AsSpan(at + Word));
                    WriteUInt(buffer.AsSpan(at, Word), (ulong)count);
                    return at + Word + (int)Padded(count);
                }
            case AbiFixedArrayType fa:
                return WriteElements(fa.Element, value.Items, buffer, at);
            case AbiArrayType a:
                {
                    var items = value.Items;
                    WriteUInt(buffer.AsSpan(at, Word), (ulong)items.Count);
                    return WriteElements(a.Element, items, buffer, at + Word);
                }
            case AbiTupleType t:
                return WriteTuple(t.Components, value.Items, buffer, at);
            default:
                throw new AbiEncodingException($"Unsupported type {type}.");
        }
    }

    private static void WriteUInt(Span<byte> word, ulong value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(word[(Word - 8)..], value);

    /// <summary>Writes a range-checked integer as a 256-bit two's complement big-endian word (sign-extended).</summary>
    internal static void WriteInteger(Span<byte> word, BigInteger value)
    {
        var count = value.GetByteCount(isUnsigned: value.Sign >= 0);
        if (value.Sign < 0)
            word.Fill(0xff);
        if (!value.TryWriteBytes(word[(Word - count)..], out _, isUnsigned: value.Sign >= 0, isBigEndian: true))
            throw new AbiEncodingException($"{value} does not fit in 256 bits.");
    }
}
