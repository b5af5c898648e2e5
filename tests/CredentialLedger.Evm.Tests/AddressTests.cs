using CredentialLedger.Evm.Hex;
using CsCheck;

namespace CredentialLedger.Evm.Tests;

public sealed class AddressTests
{
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void Eip55_examples_round_trip_exactly(string checksummed)
    {
        // The four examples published in EIP-55.
        Assert.Equal(checksummed, Address.Parse(checksummed).ToString());
        Assert.Equal(checksummed, Address.Parse(checksummed.ToLowerInvariant()).ToString());
        Assert.Equal(checksummed, Address.Parse("0x" + checksummed[2..].ToUpperInvariant()).ToString());
    }

    [Theory]
    [InlineData("0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "invalid EIP-55 checksum")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "has 39")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd0", "has 42")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeZ", "not hexadecimal")]
    [InlineData("", "has 0")]
    public void Malformed_addresses_are_rejected(string text, string expected)
    {
        var ex = Assert.Throws<HexFormatException>(() => Address.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(Address.TryParse(text, out _));
    }

    [Fact]
    public void Wrong_byte_length_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Address(new byte[19]));
        Assert.Throws<ArgumentException>(() => new Hash32(new byte[33]));
    }

    [Fact]
    public void Zero_address_is_default()
    {
        Assert.True(Address.Zero.IsZero);
        Assert.Equal("0x0000000000000000000000000000000000000000", Address.Zero.ToString());
        Assert.Equal(default, Address.Parse("0x0000000000000000000000000000000000000000"));
    }

    [Fact]
    public void Addresses_round_trip_through_bytes_and_text()
    {
        Gen.Byte.Array[20].Sample(bytes =>
        {
            var address = new Address(bytes);
            return address.ToArray().AsSpan().SequenceEqual(bytes)
                && Address.Parse(address.ToString()) == address
                && Address.Parse(address.ToLowerHex()) == address;
        });
    }

    [Fact]
    public void Hashes_round_trip_and_order_as_big_endian_integers()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32]).Sample((a, b) =>
        {
            var x = new Hash32(a);
            var y = new Hash32(b);
            var expectedOrder = Math.Sign(a.AsSpan().SequenceCompareTo(b));
            return Hash32.Parse(x.ToString()) == x && Math.Sign(x.CompareTo(y)) == expectedOrder;
        });
    }
}
