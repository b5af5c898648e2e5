using System.Numerics;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Tests.Abi;

public sealed class RevertDecoderTests
{
    private static readonly ErrorSignature Unauthorized = ErrorSignature.Parse("Unauthorized(address caller, uint256 code)");
    private static readonly RevertDecoder Decoder = new(Unauthorized, ErrorSignature.Parse("Paused()"));

    [Fact]
    public void Error_string_is_decoded()
    {
        // revert("Not owner") as solc encodes it.
        var data = HexConverter.ToBytes("0x08c379a0"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "0000000000000000000000000000000000000000000000000000000000000009"
            + "4e6f74206f776e65720000000000000000000000000000000000000000000000");
        var reason = Decoder.Decode(data);
        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal("Not owner", reason.Message);
        Assert.Equal("The contract reverted with Error(\"Not owner\").", new ContractRevertedException(reason).Message);
    }

    [Theory]
    [InlineData(0x01, "assertion failed")]
    [InlineData(0x11, "arithmetic overflow or underflow")]
    [InlineData(0x12, "division or modulo by zero")]
    [InlineData(0x21, "invalid enum value")]
    [InlineData(0x32, "array index out of bounds")]
    [InlineData(0x41, "out of memory or array too large")]
    [InlineData(0x99, "unknown panic code")]
    public void Panic_codes_have_meanings(int code, string meaning)
    {
        var data = ErrorSignature.Parse("Panic(uint256)").Encode(AbiValue.Uint(code));
        var reason = Decoder.Decode(data);
        Assert.Equal(RevertKind.Panic, reason.Kind);
        Assert.Equal(new BigInteger(code), reason.PanicCode);
        Assert.Equal(meaning, reason.PanicMeaning);
        Assert.Contains(meaning, new ContractRevertedException(reason).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_custom_error_is_decoded_with_arguments()
    {
        var caller = Address.Parse("0xabcdefabcdefabcdefabcdefabcdefabcdefabcd");
        var reason = Decoder.Decode(Unauthorized.Encode(AbiValue.Address(caller), AbiValue.Uint(42)));
        Assert.Equal(RevertKind.CustomError, reason.Kind);
        Assert.Same(Unauthorized, reason.Error);
        Assert.Equal([AbiValue.Address(caller), AbiValue.Uint(42)], reason.Arguments);
        Assert.Equal($"The contract reverted with Unauthorized({caller.ToChecksumString()}, 42).", new ContractRevertedException(reason).Message);
        Assert.Equal("Paused()", Decoder.Decode(ErrorSignature.Parse("Paused()").Encode()).ToString());
    }

    [Fact]
    public void Unknown_selector_short_data_and_malformed_arguments_are_reported_raw()
    {
        var unknown = Decoder.Decode([0xde, 0xad, 0xbe, 0xef, 0x01]);
        Assert.Equal(RevertKind.Unknown, unknown.Kind);
        Assert.Equal("unknown revert data 0xdeadbeef01", unknown.ToString());
        Assert.Equal(RevertKind.Unknown, Decoder.Decode([0x08, 0xc3]).Kind);
        Assert.Equal(RevertKind.Unknown, Decoder.Decode(HexConverter.ToBytes("0x08c379a0" + new string('f', 64))).Kind);
        Assert.Equal(RevertKind.Unknown, Decoder.Decode(Unauthorized.Selector.Span).Kind);
    }

    [Fact]
    public void Empty_data_is_its_own_kind()
    {
        var reason = Decoder.Decode([]);
        Assert.Equal(RevertKind.Empty, reason.Kind);
        Assert.Equal("The contract reverted without data.", new ContractRevertedException(reason).Message);
    }

    [Fact]
    public void Clashing_selectors_are_rejected()
    {
        // Two different signatures with one selector would make decoding ambiguous; the known collision is used.
        Assert.Throws<ArgumentException>(() => new RevertDecoder(
            ErrorSignature.Parse("transfer(address,uint256)"), ErrorSignature.Parse("many_msg_babbage(bytes1)")));
    }
}
