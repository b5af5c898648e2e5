using System.Text;

namespace CredentialLedger.Contracts.Tests;

public sealed class ChamberIdTests
{
    [Fact]
    public void Ascii_text_is_left_aligned_and_zero_padded_like_solidity_bytes16()
    {
        var id = ChamberId.FromAscii("KZ-ATAMEKEN");

        var expected = new byte[16];
        Encoding.ASCII.GetBytes("KZ-ATAMEKEN").CopyTo(expected, 0);
        Assert.Equal(expected, id.ToArray());
        Assert.Equal("KZ-ATAMEKEN", id.ToString());
        Assert.Equal(id, ChamberId.Parse("KZ-ATAMEKEN"));
    }

    [Fact]
    public void Sixteen_characters_fill_the_whole_id()
    {
        var id = ChamberId.FromAscii("ABCDEFGHIJKLMNOP");

        Assert.Equal(Encoding.ASCII.GetBytes("ABCDEFGHIJKLMNOP"), id.ToArray());
        Assert.Equal("ABCDEFGHIJKLMNOP", id.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ABCDEFGHIJKLMNOPQ", "at most 16")]
    [InlineData("KZ ATAMEKEN", "character 2")]
    [InlineData("KZ-ATAMEKEŃ", "character 10")]
    [InlineData("KZ\0", "character 2")]
    [InlineData("0x00000000000000000000000000000000", "reserved")]
    [InlineData("0x0000000000000000000000000000000g", "32 hex digits")]
    public void Bad_ids_are_refused_with_a_clear_message(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ChamberId.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(ChamberId.TryParse(text, out _));
    }

    [Fact]
    public void Ids_that_are_not_ascii_text_print_and_parse_as_hex()
    {
        var bytes = new byte[16];
        bytes[0] = 0x01;
        bytes[15] = 0xff;
        var id = new ChamberId(bytes);

        Assert.Equal("0x010000000000000000000000000000ff", id.ToString());
        Assert.Equal(id, ChamberId.Parse(id.ToString()));
    }

    [Fact]
    public void Ascii_followed_by_more_than_zero_padding_prints_as_hex()
    {
        var bytes = new byte[16];
        Encoding.ASCII.GetBytes("KZ").CopyTo(bytes, 0);
        bytes[5] = (byte)'X';

        var id = new ChamberId(bytes);

        Assert.StartsWith("0x", id.ToString(), StringComparison.Ordinal);
        Assert.Equal(id, ChamberId.Parse(id.ToString()));
    }

    [Fact]
    public void The_zero_id_and_wrong_lengths_are_refused_as_bytes()
    {
        Assert.Throws<ArgumentException>(() => new ChamberId(new byte[16]));
        Assert.Throws<ArgumentException>(() => new ChamberId(new byte[15]));
        Assert.Throws<ArgumentException>(() => new ChamberId(new byte[17]));
        Assert.False(default(ChamberId).IsValid);
    }
}
