using System.Text.Json;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rlp;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Vectors;

/// <summary>ethereum/tests RLPTests: every valid case round-trips, every invalid case is refused.</summary>
public sealed class RlpVectorTests
{
    public static TheoryData<VectorCase> Valid => TestVectors.Cases("ethereum-tests", "rlp_valid.json", "cases");
    public static TheoryData<VectorCase> Invalid => TestVectors.Cases("ethereum-tests", "rlp_invalid.json", "cases");

    [Theory, MemberData(nameof(Valid))]
    public void Valid_case_encodes_to_its_output(VectorCase vector)
    {
        var c = vector.Element;
        var decoded = ToItem(c.GetProperty("decoded"));
        Assert.Equal(c.GetProperty("out").GetString(), HexConverter.ToHex(RlpCodec.Encode(decoded)));
    }

    [Theory, MemberData(nameof(Valid))]
    public void Valid_case_decodes_to_its_structure(VectorCase vector)
    {
        var c = vector.Element;
        var expected = ToItem(c.GetProperty("decoded"));
        var actual = RlpCodec.Decode(HexConverter.ToBytes(c.GetProperty("out").GetString()!));
        Assert.Equal(expected, actual);
    }

    [Theory, MemberData(nameof(Invalid))]
    public void Invalid_case_is_rejected(VectorCase vector)
    {
        var bytes = HexConverter.ToBytes(vector.Element.GetProperty("out").GetString()!);
        var ex = Assert.Throws<RlpException>(() => RlpCodec.Decode(bytes));
        Assert.InRange(ex.Position, 0, Math.Max(0, bytes.Length));
    }

    private static RlpItem ToItem(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => RlpItem.FromBytes(HexConverter.ToBytes(element.GetString()!)),
        JsonValueKind.Array => RlpItem.FromList(element.EnumerateArray().Select(ToItem).ToList()),
        _ => throw new InvalidDataException($"Unexpected JSON {element.ValueKind} in 'decoded'."),
    };
}
