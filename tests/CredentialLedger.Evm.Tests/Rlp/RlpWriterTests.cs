using System.Numerics;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rlp;

namespace CredentialLedger.Evm.Tests.Rlp;

/// <summary>Known encodings from Yellow Paper appendix B and the Ethereum RLP specification's examples.</summary>
public sealed class RlpWriterTests
{
    [Theory]
    [InlineData("", "0x80")]
    [InlineData("00", "0x00")]
    [InlineData("7f", "0x7f")]
    [InlineData("80", "0x8180")]
    [InlineData("646f67", "0x83646f67")]
    public void Byte_string_has_its_canonical_encoding(string payload, string expected) =>
        Assert.Equal(expected, Encode((ref RlpWriter w) => w.WriteBytes(Convert.FromHexString(payload)), RlpWriter.LengthOfBytes(Convert.FromHexString(payload))));

    [Fact]
    public void Byte_string_of_55_bytes_uses_the_short_form() =>
        Assert.StartsWith("0xb7", Encode((ref RlpWriter w) => w.WriteBytes(new byte[55]), RlpWriter.LengthOfBytes(new byte[55])));

    [Fact]
    public void Byte_string_of_56_bytes_uses_the_long_form()
    {
        var encoded = Encode((ref RlpWriter w) => w.WriteBytes(new byte[56]), RlpWriter.LengthOfBytes(new byte[56]));
        Assert.StartsWith("0xb838", encoded);
        Assert.Equal(2 + 2 * 58, encoded.Length);
    }

    [Theory]
    [InlineData(0UL, "0x80")]
    [InlineData(1UL, "0x01")]
    [InlineData(0x7fUL, "0x7f")]
    [InlineData(0x80UL, "0x8180")]
    [InlineData(1024UL, "0x820400")]
    [InlineData(ulong.MaxValue, "0x88ffffffffffffffff")]
    public void Integer_is_minimal_big_endian_and_zero_is_the_empty_string(ulong value, string expected)
    {
        Assert.Equal(expected, Encode((ref RlpWriter w) => w.WriteInteger(value), RlpWriter.LengthOfInteger(value)));
        Assert.Equal(expected, Encode((ref RlpWriter w) => w.WriteInteger(new BigInteger(value)), RlpWriter.LengthOfInteger(new BigInteger(value))));
        Assert.Equal(expected, Encode((ref RlpWriter w) => w.WriteInteger((UInt128)value), RlpWriter.LengthOfInteger((UInt128)value)));
    }

    [Fact]
    public void Integer_wider_than_64_bits_is_written_in_full()
    {
        var value = (BigInteger.One << 255) + 1;
        var encoded = Encode((ref RlpWriter w) => w.WriteInteger(value), RlpWriter.LengthOfInteger(value));
        Assert.Equal("0xa08" + new string('0', 62) + "1", encoded);
        UInt128 wide = (UInt128)1 << 64;
        Assert.Equal("0x89010000000000000000", Encode((ref RlpWriter w) => w.WriteInteger(wide), RlpWriter.LengthOfInteger(wide)));
    }

    [Fact]
    public void Negative_integer_cannot_be_encoded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpWriter.LengthOfInteger(BigInteger.MinusOne));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var writer = new RlpWriter(new byte[4]);
            writer.WriteInteger(BigInteger.MinusOne);
        });
    }

    [Fact]
    public void Cat_and_dog_list_matches_the_specification()
    {
        var cat = "cat"u8.ToArray();
        var dog = "dog"u8.ToArray();
        var payload = RlpWriter.LengthOfBytes(cat) + RlpWriter.LengthOfBytes(dog);
        var encoded = Encode((ref RlpWriter w) =>
        {
            w.WriteListHeader(payload);
            w.WriteBytes(cat);
            w.WriteBytes(dog);
        }, RlpWriter.LengthOfList(payload));
        Assert.Equal("0xc88363617483646f67", encoded);
    }

    [Fact]
    public void Set_theoretic_representation_of_three_matches_the_specification()
    {
        // [ [], [[]], [ [], [[]] ] ]
        var empty = RlpItem.FromList();
        var three = RlpItem.FromList(empty, RlpItem.FromList(empty), RlpItem.FromList(empty, RlpItem.FromList(empty)));
        Assert.Equal("0xc7c0c1c0c3c0c1c0", HexConverter.ToHex(RlpCodec.Encode(three)));
    }

    [Fact]
    public void Address_and_hash_have_fixed_lengths()
    {
        var address = Address.Parse("0x3535353535353535353535353535353535353535");
        Assert.Equal("0x94" + string.Concat(Enumerable.Repeat("35", 20)),
            Encode((ref RlpWriter w) => w.WriteAddress(address), RlpWriter.AddressLength));
        Assert.Equal("0x80", Encode((ref RlpWriter w) => w.WriteAddress((Address?)null), RlpWriter.LengthOfAddress(null)));
        Assert.Equal("0xa0" + new string('0', 64), Encode((ref RlpWriter w) => w.WriteHash(Hash32.Zero), RlpWriter.HashLength));
    }

    [Fact]
    public void Writer_reports_what_it_wrote()
    {
        Span<byte> buffer = stackalloc byte[8];
        var writer = new RlpWriter(buffer);
        writer.WriteRawByte(0x02);
        writer.WriteInteger(5UL);
        Assert.Equal(2, writer.Position);
        Assert.Equal(new byte[] { 0x02, 0x05 }, writer.Written.ToArray());
    }

    private delegate void WriteAction(ref RlpWriter writer);

    private static string Encode(WriteAction write, int length)
    {
        var bytes = new byte[length];
        var writer = new RlpWriter(bytes);
        write(ref writer);
        Assert.Equal(length, writer.Position);
        return HexConverter.ToHex(bytes);
    }
}
