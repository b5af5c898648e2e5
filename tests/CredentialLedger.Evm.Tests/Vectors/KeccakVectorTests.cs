using System.Text;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Vectors;

public sealed class KeccakVectorTests
{
    public static TheoryData<VectorCase> ShortMessages => TestVectors.Cases("keccak", "keccak256_shortmsg_kat.json", "cases");
    public static TheoryData<VectorCase> CastBytes => TestVectors.Cases("cast", "keccak.json", "bytes");
    public static TheoryData<VectorCase> CastUtf8 => TestVectors.Cases("cast", "keccak.json", "utf8");

    [Theory, MemberData(nameof(ShortMessages))]
    public void Short_message_known_answer_matches(VectorCase vector)
    {
        var c = vector.Element;
        var message = HexConverter.ToBytes(c.GetProperty("msg").GetString()!);
        Assert.Equal(c.GetProperty("lenBits").GetInt32(), message.Length * 8);
        Assert.Equal(Hash32.Parse(c.GetProperty("md").GetString()!), Keccak256.Hash(message));
    }

    [Theory, MemberData(nameof(CastBytes))]
    public void Random_bytes_hash_as_cast_hashes_them(VectorCase vector)
    {
        var c = vector.Element;
        var input = HexConverter.ToBytes(c.GetProperty("input").GetString()!);
        Assert.Equal(c.GetProperty("length").GetInt32(), input.Length);
        Assert.Equal(Hash32.Parse(c.GetProperty("keccak256").GetString()!), Keccak256.Hash(input));
    }

    [Theory, MemberData(nameof(CastUtf8))]
    public void Utf8_text_hashes_as_cast_hashes_it(VectorCase vector)
    {
        var c = vector.Element;
        var text = c.GetProperty("utf8").GetString()!;
        Assert.Equal(HexConverter.ToBytes(c.GetProperty("input").GetString()!), Encoding.UTF8.GetBytes(text));
        Assert.Equal(Hash32.Parse(c.GetProperty("keccak256").GetString()!), Keccak256.HashUtf8(text));
    }

    [Fact]
    public void Empty_input_and_abc_match_the_published_anchors()
    {
        Assert.Equal(Hash32.Parse("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"), Keccak256.Hash([]));
        Assert.Equal(Hash32.Parse("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"), Keccak256.HashUtf8("abc"));
    }

    [Fact]
    public void Keccak_is_not_sha3_256()
    {
        // FIPS 202 SHA3-256("") differs: padding 0x06 instead of Keccak's 0x01.
        Assert.NotEqual(Hash32.Parse("0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"), Keccak256.Hash([]));
    }
}
