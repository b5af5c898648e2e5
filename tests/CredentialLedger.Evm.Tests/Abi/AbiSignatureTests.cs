using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Tests.Abi;

public sealed class AbiSignatureTests
{
    [Theory]
    [InlineData("transfer(address to, uint256 amount)", "transfer(address,uint256)")]
    [InlineData("function transfer(address to, uint amount) returns (bool)", "transfer(address,uint256)")]
    [InlineData("balanceOf(address)(uint256)", "balanceOf(address)")]
    [InlineData("count()", "count()")]
    [InlineData("set(string memory name, bytes calldata data)", "set(string,bytes)")]
    [InlineData("submit((uint a, (string s)[] b) order)", "submit((uint256,(string)[]))")]
    public void Function_signatures_canonicalise(string text, string canonical) =>
        Assert.Equal(canonical, FunctionSignature.Parse(text).CanonicalSignature);

    [Theory]
    [InlineData("transfer")]
    [InlineData("transfer(")]
    [InlineData("transfer(address")]
    [InlineData("(address)")]
    [InlineData("transfer(address,)")]
    [InlineData("transfer(address to amount)")]
    [InlineData("transfer(address indexed to)")]
    [InlineData("transfer(address) junk")]
    [InlineData("1transfer(address)")]
    public void Bad_function_signatures_are_rejected(string text) =>
        Assert.Throws<FormatException>(() => FunctionSignature.Parse(text));

    [Fact]
    public void Outputs_are_parsed_and_decoded()
    {
        var function = FunctionSignature.Parse("balanceOf(address owner) returns (uint256 balance)");
        Assert.Equal([AbiType.UInt256], function.OutputTypes);
        Assert.Equal("balance", function.Outputs[0].Name);
        var data = AbiEncoder.Encode([AbiType.UInt256], [AbiValue.Uint(7)]);
        Assert.Equal(AbiValue.Uint(7), function.DecodeOutput(data)[0]);
    }

    [Fact]
    public void Call_data_with_a_different_selector_is_rejected()
    {
        var function = FunctionSignature.Parse("f(uint256)");
        var other = FunctionSignature.Parse("g(uint256)").EncodeCall(AbiValue.Uint(1));
        Assert.Throws<AbiDecodingException>(() => function.DecodeCall(other));
        Assert.Throws<AbiDecodingException>(() => function.DecodeCall([0x01, 0x02]));
        var error = Assert.Throws<AbiDecodingException>(() => function.DecodeCall(function.EncodeCall(AbiValue.Uint(1))[..35]));
        Assert.Equal(4, error.Position);
    }

    [Fact]
    public void Events_with_more_than_three_indexed_parameters_are_rejected()
    {
        Assert.Throws<FormatException>(() => EventSignature.Parse("E(uint indexed a, uint indexed b, uint indexed c, uint indexed d)"));
        Assert.Throws<FormatException>(() => EventSignature.Parse("E(uint indexed indexed a)"));
        Assert.Equal(3, EventSignature.Parse("event E(uint indexed a, uint indexed b, uint indexed c, uint d)").IndexedCount);
    }

    [Fact]
    public void Error_signature_selector_and_encoding()
    {
        var error = ErrorSignature.Parse("error Unauthorized(address caller, uint256 code)");
        Assert.Equal("Unauthorized(address,uint256)", error.CanonicalSignature);
        Assert.Equal("0x08c379a0", HexConverter.ToHex(ErrorSignature.Parse("Error(string)").Selector.Span));
        Assert.Equal("0x4e487b71", HexConverter.ToHex(ErrorSignature.Parse("Panic(uint256)").Selector.Span));
        var data = error.Encode(AbiValue.Address(Address.Zero), AbiValue.Uint(1));
        Assert.Equal(4 + 64, data.Length);
        Assert.Equal(error.Selector.ToArray(), data[..4]);
    }
}
