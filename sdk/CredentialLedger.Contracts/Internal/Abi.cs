using System.Numerics;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Contracts.Internal;

/// <summary>Typed values to <see cref="AbiValue"/> (arguments).</summary>
internal static class Arg
{
    public static AbiValue Code(MemberCode code)
    {
        if (!code.IsValid)
            throw new ArgumentException("default(MemberCode) is not a member code.", nameof(code));
        return AbiValue.FixedBytes(code.ToArray());
    }

    public static AbiValue Chamber(ChamberId chamber)
    {
        if (!chamber.IsValid)
            throw new ArgumentException("default(ChamberId) is the reserved zero chamber id.", nameof(chamber));
        return AbiValue.FixedBytes(chamber.ToArray());
    }

    public static AbiValue Hash(Hash32 hash) => AbiValue.FixedBytes(hash.ToArray());

    public static AbiValue Address(Address address) => AbiValue.Address(address);

    public static AbiValue Uint(ulong value) => AbiValue.Uint(value);

    public static AbiValue Bytes(ReadOnlyMemory<byte> value) => AbiValue.Bytes(value.Span);

    public static AbiValue Uint32s(IReadOnlyList<uint> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AbiValue.Array([.. values.Select(v => AbiValue.Uint(v))]);
    }

    public static AbiValue Hashes(IReadOnlyList<Hash32> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AbiValue.Array([.. values.Select(Hash)]);
    }

    public static AbiValue Codes(IReadOnlyList<MemberCode> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AbiValue.Array([.. values.Select(Code)]);
    }
}

/// <summary>
/// <see cref="AbiValue"/> to typed values (results and event fields). Values wider than their C# type are refused
/// with <see cref="AbiDecodingException"/> rather than truncated.
/// </summary>
internal static class Read
{
    public static ulong U64(AbiValue value) => (ulong)InRange(value, ulong.MaxValue, "a 64-bit");

    public static uint U32(AbiValue value) => (uint)InRange(value, uint.MaxValue, "a 32-bit");

    public static byte U8(AbiValue value) => (byte)InRange(value, byte.MaxValue, "an 8-bit");

    public static bool Bool(AbiValue value) => value.AsBool();

    public static Address Address(AbiValue value) => value.AsAddress();

    public static Address? OptionalAddress(AbiValue value) => value.AsAddress() is { IsZero: false } a ? a : null;

    public static Hash32 Hash(AbiValue value) => new(value.AsBytes());

    public static MemberCode Code(AbiValue value) => OptionalCode(value)
        ?? throw new AbiDecodingException("Expected a member code but found 0x0000.");

    public static MemberCode? OptionalCode(AbiValue value)
    {
        var bytes = value.AsBytes();
        if (bytes is [0, 0])
            return null;
        try
        {
            return new MemberCode(bytes);
        }
        catch (ArgumentException e)
        {
            throw new AbiDecodingException(e.Message, e);
        }
    }

    public static ChamberId Chamber(AbiValue value) => OptionalChamber(value)
        ?? throw new AbiDecodingException("Expected a chamber id but found zero.");

    public static ChamberId? OptionalChamber(AbiValue value)
    {
        var bytes = value.AsBytes();
        return bytes.AsSpan().ContainsAnyExcept((byte)0) ? new ChamberId(bytes) : null;
    }

    public static TEnum Enum<TEnum>(AbiValue value)
        where TEnum : struct, System.Enum
    {
        var raw = U8(value);
        var result = (TEnum)System.Enum.ToObject(typeof(TEnum), raw);
        return System.Enum.IsDefined(result)
            ? result
            : throw new AbiDecodingException($"{raw} is not a value of {typeof(TEnum).Name}.");
    }

    public static IReadOnlyList<uint> Uint32s(AbiValue value) => [.. value.Items.Select(U32)];

    public static IReadOnlyList<ulong> Uint64s(AbiValue value) => [.. value.Items.Select(U64)];

    public static IReadOnlyList<MemberCode> Codes(AbiValue value) => [.. value.Items.Select(Code)];

    public static IReadOnlyList<Address> Addresses(AbiValue value) => [.. value.Items.Select(Address)];

    private static BigInteger InRange(AbiValue value, BigInteger max, string width)
    {
        var integer = value.AsBigInteger();
        if (integer.Sign < 0 || integer > max)
            throw new AbiDecodingException($"{integer} does not fit {width} unsigned integer.");
        return integer;
    }
}
