using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Evm.Tests.Abi;

public sealed class AbiTypeTests
{
    [Theory]
    [InlineData("uint", "uint256", false)]
    [InlineData("int", "int256", false)]
    [InlineData("uint8", "uint8", false)]
    [InlineData("int136", "int136", false)]
    [InlineData("address", "address", false)]
    [InlineData("bool", "bool", false)]
    [InlineData("bytes1", "bytes1", false)]
    [InlineData("bytes32", "bytes32", false)]
    [InlineData("bytes", "bytes", true)]
    [InlineData("string", "string", true)]
    [InlineData("uint[3]", "uint256[3]", false)]
    [InlineData("uint8[][2]", "uint8[][2]", true)]
    [InlineData("bytes32[3][]", "bytes32[3][]", true)]
    [InlineData("(uint,string)[]", "(uint256,string)[]", true)]
    [InlineData("(uint256,address)[2]", "(uint256,address)[2]", false)]
    [InlineData("tuple(uint a, bool b)", "(uint256,bool)", false)]
    [InlineData(" ( bool , (string,bool[]) ) ", "(bool,(string,bool[]))", true)]
    public void Parses_to_canonical_name(string text, string canonical, bool dynamic)
    {
        var type = AbiType.Parse(text);
        Assert.Equal(canonical, type.CanonicalName);
        Assert.Equal(dynamic, type.IsDynamic);
        Assert.Equal(type, AbiType.Parse(canonical));
    }

    [Theory]
    [InlineData("", "expected a type")]
    [InlineData("uint7", "multiple of 8")]
    [InlineData("uint264", "multiple of 8")]
    [InlineData("int0", "unknown type")]
    [InlineData("uint08", "unknown type")]
    [InlineData("bytes0", "unknown type")]
    [InlineData("bytes33", "1..32")]
    [InlineData("fixed128x18", "fixed-point")]
    [InlineData("uint256[0]", "array length")]
    [InlineData("uint256[01]", "leading zero")]
    [InlineData("uint256[-1]", "expected ']'")]
    [InlineData("uint256[99999999999]", "array length")]
    [InlineData("uint256[", "expected ']'")]
    [InlineData("uint256]", "unexpected")]
    [InlineData("()", "empty tuple")]
    [InlineData("(uint256", "missing ')'")]
    [InlineData("(uint256,)", "expected a type")]
    [InlineData("Uint256", "unknown type")]
    [InlineData("uint256 x", "unexpected")]
    [InlineData("address payable", "unexpected")]
    [InlineData("uint256[4294967295][4294967295]", "array length")]
    [InlineData("bytes32[65536][65536]", "larger than 2^31")]
    public void Bad_type_strings_are_rejected_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => AbiType.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(AbiType.TryParse(text, out _));
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        Assert.NotNull(AbiType.Parse("uint8" + string.Concat(Enumerable.Repeat("[]", AbiType.MaxNestingDepth - 1))));
        Assert.Throws<FormatException>(() => AbiType.Parse("uint8" + string.Concat(Enumerable.Repeat("[]", 10_000))));
        Assert.Throws<FormatException>(() => AbiType.Parse(new string('(', 10_000) + "uint8" + new string(')', 10_000)));
        // Every mix of arrays and tuples past the limit is a FormatException, never an ArgumentException.
        for (var tuples = 0; tuples <= AbiType.MaxNestingDepth; tuples++)
        {
            var text = new string('(', tuples) + "uint8" + new string(')', tuples) + string.Concat(Enumerable.Repeat("[]", AbiType.MaxNestingDepth - tuples));
            Assert.Throws<FormatException>(() => AbiType.Parse(text));
        }
        var deep = AbiType.Parse("uint8" + string.Concat(Enumerable.Repeat("[]", AbiType.MaxNestingDepth - 1)));
        Assert.Throws<ArgumentException>(() => new AbiArrayType(deep));
        Assert.Throws<ArgumentException>(() => new AbiTupleType(deep));
    }

    [Fact]
    public void Constructors_validate()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AbiUIntType(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AbiIntType(512));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AbiFixedBytesType(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AbiFixedArrayType(AbiType.Bool, 0));
        Assert.Throws<ArgumentException>(() => new AbiTupleType());
        Assert.Equal("(uint256,string)[2]", new AbiFixedArrayType(new AbiTupleType(AbiType.UInt256, AbiType.String), 2).CanonicalName);
    }
}
