using CsCheck;

namespace CredentialLedger.Contracts.Tests;

public sealed class MemberCodeTests
{
    [Fact]
    public void Two_upper_case_letters_parse_to_their_bytes2_value()
    {
        var code = MemberCode.Parse("KZ");

        Assert.Equal(new byte[] { 0x4b, 0x5a }, code.ToArray());
        Assert.Equal("KZ", code.ToString());
        Assert.Equal(code, new MemberCode([0x4b, 0x5a]));
        Assert.True(code.IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("K")]
    [InlineData("KZZ")]
    [InlineData("kz")]
    [InlineData("Kz")]
    [InlineData("K1")]
    [InlineData(" KZ")]
    [InlineData("K ")]
    [InlineData("ÄB")]
    [InlineData("\0\0")]
    public void Anything_but_two_upper_case_ASCII_letters_is_refused_with_a_clear_message(string text)
    {
        var error = Assert.Throws<FormatException>(() => MemberCode.Parse(text));

        Assert.Contains("two upper-case ASCII letters", error.Message, StringComparison.Ordinal);
        Assert.False(MemberCode.TryParse(text, out _));
    }

    [Fact]
    public void Null_is_an_argument_error_for_Parse_and_false_for_TryParse()
    {
        Assert.Throws<ArgumentNullException>(() => MemberCode.Parse(null!));
        Assert.False(MemberCode.TryParse(null, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x4b })]
    [InlineData(new byte[] { 0x4b, 0x5a, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x00 })]
    [InlineData(new byte[] { 0x6b, 0x7a })]
    public void Bytes_that_are_not_a_code_are_refused(byte[] bytes)
    {
        Assert.Throws<ArgumentException>(() => new MemberCode(bytes));
    }

    [Fact]
    public void Default_is_not_a_valid_code_and_prints_empty()
    {
        Assert.False(default(MemberCode).IsValid);
        Assert.Equal("", default(MemberCode).ToString());
    }

    [Fact]
    public void Codes_order_alphabetically_like_their_bytes2_values()
    {
        MemberCode[] codes = [MemberCode.Parse("UZ"), MemberCode.Parse("KZ"), MemberCode.Parse("KR"), MemberCode.Parse("AZ")];

        Assert.Equal(["AZ", "KR", "KZ", "UZ"], codes.Order().Select(c => c.ToString()));
        Assert.True(MemberCode.Parse("KR") < MemberCode.Parse("KZ"));
    }

    [Fact]
    public void Every_valid_code_round_trips_through_text_and_bytes()
    {
        Gen.Char['A', 'Z'].Array[2].Select(c => new string(c)).Sample(text =>
        {
            var code = MemberCode.Parse(text);
            Assert.Equal(text, code.ToString());
            Assert.Equal(code, new MemberCode(code.ToArray()));
        });
    }
}
