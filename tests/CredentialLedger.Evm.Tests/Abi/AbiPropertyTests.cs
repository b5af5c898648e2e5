using System.Numerics;
using CredentialLedger.Evm.Abi;
using CsCheck;

namespace CredentialLedger.Evm.Tests.Abi;

/// <summary>CsCheck round trips over random types (nested up to 3 levels) and values that fit them.</summary>
public sealed class AbiPropertyTests
{
    private static readonly Gen<AbiType> Elementary = Gen.OneOf(
        Gen.Int[1, 32].Select(n => (AbiType)new AbiUIntType(n * 8)),
        Gen.Int[1, 32].Select(n => (AbiType)new AbiIntType(n * 8)),
        Gen.Int[1, 32].Select(n => (AbiType)new AbiFixedBytesType(n)),
        Gen.Int[0, 3].Select(i => new[] { AbiType.Address, AbiType.Bool, AbiType.Bytes, AbiType.String }[i]));

    private static Gen<AbiType> TypeGen(int depth) => depth == 0
        ? Elementary
        : Gen.Frequency(
            (3, Elementary),
            (1, TypeGen(depth - 1).Select(t => (AbiType)new AbiArrayType(t))),
            (1, Gen.Select(TypeGen(depth - 1), Gen.Int[1, 3]).Select((t, k) => (AbiType)new AbiFixedArrayType(t, k))),
            (1, TypeGen(depth - 1).Array[1, 4].Select(ts => (AbiType)new AbiTupleType(ts))));

    private static readonly Gen<AbiType[]> Types = TypeGen(3).Array[0, 4];

    private static Gen<BigInteger> Bits(int bits) =>
        Gen.Byte.Array[bits / 8].Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true));

    private static Gen<AbiValue> ValueGen(AbiType type) => type switch
    {
        AbiUIntType u => Bits(u.Bits).Select(AbiValue.Uint),
        AbiIntType s => Bits(s.Bits).Select(v => AbiValue.Int(v >= BigInteger.One << (s.Bits - 1) ? v - (BigInteger.One << s.Bits) : v)),
        AbiAddressType => Gen.Byte.Array[20].Select(b => AbiValue.Address(new Address(b))),
        AbiBoolType => Gen.Bool.Select(AbiValue.Bool),
        AbiFixedBytesType f => Gen.Byte.Array[f.Size].Select(b => AbiValue.FixedBytes(b)),
        AbiBytesType => Gen.Byte.Array[0, 70].Select(b => AbiValue.Bytes(b)),
        AbiStringType => Gen.String.Select(AbiValue.String),
        AbiFixedArrayType fa => ValueGen(fa.Element).Array[fa.Length].Select(AbiValue.Array),
        AbiArrayType a => ValueGen(a.Element).Array[0, 3].Select(AbiValue.Array),
        AbiTupleType t => Sequence(t.Components).Select(AbiValue.Tuple),
        _ => throw new InvalidOperationException(type.ToString()),
    };

    private static readonly Gen<(AbiType[] Types, AbiValue[] Values)> Cases =
        Types.SelectMany(ts => Sequence(ts).Select(vs => (ts, vs)));

    private static Gen<AbiValue[]> Sequence(IEnumerable<AbiType> types) =>
        types.Aggregate(Gen.Const(Array.Empty<AbiValue>()), (acc, t) => Gen.Select(acc, ValueGen(t), (a, v) => (AbiValue[])[.. a, v]));

    [Fact]
    public void Any_values_survive_encode_then_decode() =>
        Cases.Sample(c =>
        {
            var encoded = AbiEncoder.Encode(c.Types, c.Values);
            Assert.Equal(0, encoded.Length % 32);
            Assert.Equal(c.Values, AbiDecoder.Decode(c.Types, encoded));
        }, iter: 2000);

    [Fact]
    public void Any_truncation_or_extension_is_rejected() =>
        Gen.Select(Cases, Gen.Int[1, 32]).Sample((c, cut) =>
        {
            var encoded = AbiEncoder.Encode(c.Types, c.Values);
            Assert.Throws<AbiDecodingException>(() => AbiDecoder.Decode(c.Types, [.. encoded, .. new byte[cut]]));
            if (encoded.Length > 0)
                Assert.Throws<AbiDecodingException>(() => AbiDecoder.Decode(c.Types, encoded.AsSpan(0, Math.Max(0, encoded.Length - cut))));
        }, iter: 1000);

    [Fact]
    public void Any_canonical_name_parses_back_to_the_same_type() =>
        TypeGen(3).Sample(t => Assert.Equal(t.CanonicalName, AbiType.Parse(t.CanonicalName).CanonicalName));

    [Fact]
    public void Decoding_random_bytes_only_ever_throws_the_typed_error() =>
        Gen.Select(Types, Gen.Byte.Array[0, 320]).Sample((types, data) =>
        {
            try
            {
                var values = AbiDecoder.Decode(types, data);
                // Strict decoding accepts only canonical data, so re-encoding must reproduce the input exactly.
                Assert.Equal(data, AbiEncoder.Encode(types, [.. values]));
            }
            catch (AbiDecodingException)
            {
            }
        }, iter: 5000);
}
