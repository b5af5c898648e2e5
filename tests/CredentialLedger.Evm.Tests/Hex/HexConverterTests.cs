using System.Numerics;
using CredentialLedger.Evm.Hex;
using CsCheck;

namespace CredentialLedger.Evm.Tests.Hex;

public sealed class HexConverterTests
{
    [Theory]
    [InlineData("0x0", "odd number of digits")]
    [InlineData("0xabc", "odd number of digits")]
    [InlineData("0xzz", "Invalid hex character 'z' at position 2")]
    [InlineData("0x12g4", "Invalid hex character 'g' at position 4")]
    [InlineData("12 4", "Invalid hex character ' ' at position 2")]
    public void Malformed_byte_strings_are_rejected_with_their_position(string text, string expected)
    {
        var ex = Assert.Throws<HexFormatException>(() => HexConverter.ToBytes(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(HexConverter.TryToBytes(text, out _));
    }

    [Theory]
    [InlineData("0x", "")]
    [InlineData("", "")]
    [InlineData("0x00ff", "00ff")]
    [InlineData("0XABcd", "abcd")]
    [InlineData("abcd", "abcd")]
    public void Byte_strings_parse_with_or_without_prefix(string text, string lowerHex)
    {
        Assert.Equal(Convert.FromHexString(lowerHex), HexConverter.ToBytes(text));
    }

    [Theory]
    [InlineData("0x", "at least one digit")]
    [InlineData("", "must start with 0x")]
    [InlineData("10", "must start with 0x")]
    [InlineData("0x01", "leading zero")]
    [InlineData("0x00", "leading zero")]
    [InlineData("0xfg", "non-hex character 'g'")]
    [InlineData("0x-1", "non-hex character '-'")]
    public void Malformed_quantities_are_rejected(string text, string expected)
    {
        var ex = Assert.Throws<HexFormatException>(() => HexConverter.ToBigInteger(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Throws<HexFormatException>(() => HexConverter.ToUInt64(text));
    }

    [Fact]
    public void Quantity_above_64_bits_is_rejected_for_ulong_but_read_as_big_integer()
    {
        const string text = "0x10000000000000000";
        Assert.Throws<HexFormatException>(() => HexConverter.ToUInt64(text));
        Assert.Equal(BigInteger.One << 64, HexConverter.ToBigInteger(text));
    }

    [Theory]
    [InlineData(0UL, "0x0")]
    [InlineData(1UL, "0x1")]
    [InlineData(0x400UL, "0x400")]
    [InlineData(ulong.MaxValue, "0xffffffffffffffff")]
    public void Quantities_format_without_leading_zeros(ulong value, string expected)
    {
        Assert.Equal(expected, HexConverter.ToQuantity(value));
        Assert.Equal(expected, HexConverter.ToQuantity(new BigInteger(value)));
        Assert.Equal(value, HexConverter.ToUInt64(expected));
    }

    [Fact]
    public void Negative_quantity_cannot_be_formatted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HexConverter.ToQuantity(BigInteger.MinusOne));
    }

    [Fact]
    public void Byte_strings_round_trip()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
            HexConverter.ToBytes(HexConverter.ToHex(bytes)).AsSpan().SequenceEqual(bytes)
            && HexConverter.ToBytes(HexConverter.ToHex(bytes, prefix: false)).AsSpan().SequenceEqual(bytes));
    }

    [Fact]
    public void Big_integer_quantities_round_trip()
    {
        Gen.Byte.Array[0, 40].Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true)).Sample(value =>
            HexConverter.ToBigInteger(HexConverter.ToQuantity(value)) == value);
    }
}
