using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Tests.Abi;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Vectors;

public sealed class AbiVectorTests
{
    public static TheoryData<VectorCase> Encode => TestVectors.Cases("cast", "abi_encode.json", "cases");
    public static TheoryData<VectorCase> MustReject => TestVectors.Cases("cast", "abi_decode_invalid.json", "mustReject");
    public static TheoryData<VectorCase> NonCanonical => TestVectors.Cases("cast", "abi_decode_invalid.json", "nonCanonical");
    public static TheoryData<VectorCase> Basic => TestVectors.Cases("ethereum-tests", "basic_tests.json", "abi");

    private static AbiType[] Types(JsonElement c) => [.. c.GetProperty("types").EnumerateArray().Select(t => AbiType.Parse(t.GetString()!))];

    private static byte[] Hex(JsonElement c, string name) => HexConverter.ToBytes(c.GetProperty(name).GetString()!);

    [Theory, MemberData(nameof(Encode))]
    public void Encoding_matches_cast(VectorCase vector)
    {
        var c = vector.Element;
        var types = Types(c);
        var values = AbiJson.FromJson(types, c.GetProperty("values"));
        Assert.Equal(HexConverter.ToHex(Hex(c, "encoded")), HexConverter.ToHex(AbiEncoder.Encode(types, values)));
    }

    [Theory, MemberData(nameof(Encode))]
    public void Calldata_selector_and_canonical_signature_match_cast(VectorCase vector)
    {
        var c = vector.Element;
        var function = FunctionSignature.Parse(c.GetProperty("signature").GetString()!);
        Assert.Equal(c.GetProperty("canonicalSignature").GetString(), function.CanonicalSignature);
        Assert.Equal(Hex(c, "selector"), function.Selector.ToArray());
        var values = AbiJson.FromJson(function.InputTypes, c.GetProperty("values"));
        Assert.Equal(HexConverter.ToHex(Hex(c, "calldata")), HexConverter.ToHex(AbiEncoder.EncodeCall(function, values)));
        AbiJson.AssertEqual(function.InputTypes, c.GetProperty("values"), function.DecodeCall(Hex(c, "calldata")));
    }

    [Theory, MemberData(nameof(Encode))]
    public void Decoding_gives_back_the_values_and_dynamic_flags(VectorCase vector)
    {
        var c = vector.Element;
        var types = Types(c);
        AbiJson.AssertEqual(types, c.GetProperty("values"), AbiDecoder.Decode(types, Hex(c, "encoded")));
        Assert.Equal(c.GetProperty("dynamic").EnumerateArray().Select(d => d.GetBoolean()), types.Select(t => t.IsDynamic));
    }

    [Theory, MemberData(nameof(Encode))]
    public void Values_convert_back_to_the_same_json(VectorCase vector)
    {
        var c = vector.Element;
        var types = Types(c);
        var values = AbiDecoder.Decode(types, Hex(c, "encoded"));
        var expected = c.GetProperty("values").EnumerateArray().ToArray();
        for (var i = 0; i < types.Length; i++)
            Assert.Equal(expected[i].GetRawText().ToLowerInvariant(), AbiJson.ToJson(values[i]).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ToLowerInvariant());
    }

    [Theory, MemberData(nameof(MustReject))]
    public void Malformed_data_is_rejected_with_a_typed_error(VectorCase vector)
    {
        var c = vector.Element;
        var error = Assert.Throws<AbiDecodingException>(() => AbiDecoder.Decode(Types(c), Hex(c, "data")));
        Assert.True(error.Position >= 0, error.Message);
    }

    /// <summary>The decoder is strict (see <see cref="AbiDecoder"/> remarks): every non-canonical case is rejected.</summary>
    [Theory, MemberData(nameof(NonCanonical))]
    public void Non_canonical_data_is_rejected_by_the_strict_policy(VectorCase vector)
    {
        var c = vector.Element;
        var error = Assert.Throws<AbiDecodingException>(() => AbiDecoder.Decode(Types(c), Hex(c, "data")));
        Assert.InRange(error.Position, 0, Hex(c, "data").Length);
        var reason = c.GetProperty("kind").GetString() switch
        {
            "dirty-uint8" or "dirty-uint64" => "non-zero high bits",
            "dirty-address" => "non-zero high bytes",
            "dirty-bool" => "neither 0 nor 1",
            "dirty-int8" => "sign-extended",
            "dirty-bytes4" or "bytes-padding" => "non-zero padding",
            "string-invalid-utf8" => "UTF-8",
            "trailing-data" => "trailing",
            "offset-misaligned" => "non-canonical offset",
            "truncated-1byte" => "padding is missing",
            var kind => throw new InvalidDataException($"Unknown nonCanonical kind {kind}: decide the policy for it."),
        };
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Basic))]
    public void Ethereum_tests_abi_case_encodes(VectorCase vector)
    {
        var c = vector.Element;
        var types = Types(c);
        var args = c.GetProperty("args").EnumerateArray().ToArray();
        // The fixture writes numbers as JSON numbers and bytes/bytesN as text, so convert here rather than in AbiJson.
        var values = types.Select((t, i) => BasicValue(t, args[i])).ToArray();
        var expected = Hex(c, "result");
        Assert.Equal(HexConverter.ToHex(expected), HexConverter.ToHex(AbiEncoder.Encode(types, values)));
        Assert.Equal(values, AbiDecoder.Decode(types, expected));
    }

    private static AbiValue BasicValue(AbiType type, JsonElement arg) => type switch
    {
        AbiUIntType => AbiValue.Uint(BigInteger.Parse(arg.GetRawText(), CultureInfo.InvariantCulture)),
        AbiFixedBytesType => AbiValue.FixedBytes(Encoding.UTF8.GetBytes(arg.GetString()!)),
        AbiBytesType => AbiValue.Bytes(Encoding.UTF8.GetBytes(arg.GetString()!)),
        AbiArrayType a => AbiValue.Array([.. arg.EnumerateArray().Select(e => BasicValue(a.Element, e))]),
        _ => AbiJson.FromJson(type, arg),
    };
}
