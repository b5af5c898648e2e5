using System.Numerics;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Tests.Abi;

public sealed class AbiEncoderTests
{
    private static readonly BigInteger Two = 2;

    public static TheoryData<string, AbiValue> OutOfRange => new()
    {
        { "uint8", AbiValue.Uint(256) },
        { "uint8", AbiValue.Uint(-1) },
        { "uint256", AbiValue.Uint(BigInteger.Pow(Two, 256)) },
        { "uint64", AbiValue.Uint(BigInteger.Pow(Two, 64)) },
        { "int8", AbiValue.Int(128) },
        { "int8", AbiValue.Int(-129) },
        { "int256", AbiValue.Int(BigInteger.Pow(Two, 255)) },
        { "int256", AbiValue.Int(-BigInteger.Pow(Two, 255) - 1) },
    };

    public static TheoryData<string, AbiValue> WrongShape => new()
    {
        { "bytes4", AbiValue.FixedBytes([1, 2, 3]) },
        { "bytes4", AbiValue.FixedBytes([1, 2, 3, 4, 5]) },
        { "bytes32", AbiValue.FixedBytes([]) },
        { "bytes4", AbiValue.Bytes([1, 2, 3, 4]) },
        { "bytes", AbiValue.FixedBytes([1]) },
        { "uint256", AbiValue.Int(1) },
        { "int256", AbiValue.Uint(1) },
        { "address", AbiValue.Uint(1) },
        { "bool", AbiValue.Uint(1) },
        { "string", AbiValue.Bytes([0x61]) },
        { "string", AbiValue.String("\ud800") },
        { "uint256[2]", AbiValue.Array(AbiValue.Uint(1)) },
        { "uint256[]", AbiValue.Tuple(AbiValue.Uint(1)) },
        { "(uint256,bool)", AbiValue.Tuple(AbiValue.Uint(1)) },
        { "(uint256,bool)", AbiValue.Array(AbiValue.Uint(1), AbiValue.Bool(true)) },
        { "(uint256,bool)[]", AbiValue.Array(AbiValue.Tuple(AbiValue.Uint(1), AbiValue.Uint(1))) },
    };

    [Theory, MemberData(nameof(OutOfRange))]
    public void Out_of_range_integers_are_rejected(string type, AbiValue value)
    {
        var error = Assert.Throws<AbiEncodingException>(() => AbiEncoder.Encode(AbiType.Parse(type), value));
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(WrongShape))]
    public void Values_of_the_wrong_kind_or_length_are_rejected(string type, AbiValue value) =>
        Assert.Throws<AbiEncodingException>(() => AbiEncoder.Encode(AbiType.Parse(type), value));

    [Fact]
    public void Count_mismatch_is_rejected() =>
        Assert.Throws<AbiEncodingException>(() => AbiEncoder.Encode([AbiType.UInt256, AbiType.Bool], [AbiValue.Uint(1)]));

    [Fact]
    public void Integer_bounds_encode_as_twos_complement()
    {
        Assert.Equal("0x" + new string('f', 62) + "80", HexConverter.ToHex(AbiEncoder.Encode(new AbiIntType(8), AbiValue.Int(-128))));
        Assert.Equal("0x" + new string('0', 62) + "7f", HexConverter.ToHex(AbiEncoder.Encode(new AbiIntType(8), AbiValue.Int(127))));
        Assert.Equal("0x" + new string('f', 64), HexConverter.ToHex(AbiEncoder.Encode(AbiType.Int256, AbiValue.Int(-1))));
        Assert.Equal("0x8" + new string('0', 63), HexConverter.ToHex(AbiEncoder.Encode(AbiType.Int256, AbiValue.Int(-BigInteger.Pow(Two, 255)))));
        Assert.Equal("0x" + new string('f', 64), HexConverter.ToHex(AbiEncoder.Encode(AbiType.UInt256, AbiValue.Uint(BigInteger.Pow(Two, 256) - 1))));
    }

    /// <summary>The example from the Solidity ABI specification: <c>f(uint256,uint32[],bytes10,bytes)</c>.</summary>
    [Fact]
    public void Spec_example_with_dynamic_types()
    {
        var function = FunctionSignature.Parse("f(uint256,uint32[],bytes10,bytes)");
        var data = function.EncodeCall(
            AbiValue.Uint(0x123),
            AbiValue.Array(AbiValue.Uint(0x456), AbiValue.Uint(0x789)),
            AbiValue.FixedBytes("1234567890"u8),
            AbiValue.Bytes("Hello, world!"u8));
        Assert.Equal(
            "0x8be65246"
            + "0000000000000000000000000000000000000000000000000000000000000123"
            + "0000000000000000000000000000000000000000000000000000000000000080"
            + "3132333435363738393000000000000000000000000000000000000000000000"
            + "00000000000000000000000000000000000000000000000000000000000000e0"
            + "0000000000000000000000000000000000000000000000000000000000000002"
            + "0000000000000000000000000000000000000000000000000000000000000456"
            + "0000000000000000000000000000000000000000000000000000000000000789"
            + "000000000000000000000000000000000000000000000000000000000000000d"
            + "48656c6c6f2c20776f726c642100000000000000000000000000000000000000",
            HexConverter.ToHex(data));
    }

    /// <summary>The nested example from the specification: <c>g(uint256[][],string[])</c>.</summary>
    [Fact]
    public void Spec_example_with_nested_dynamic_arrays()
    {
        var function = FunctionSignature.Parse("g(uint256[][],string[])");
        var data = function.EncodeCall(
            AbiValue.Array(AbiValue.Array(AbiValue.Uint(1), AbiValue.Uint(2)), AbiValue.Array(AbiValue.Uint(3))),
            AbiValue.Array(AbiValue.String("one"), AbiValue.String("two"), AbiValue.String("three")));
        Assert.Equal("0x2289b18c", HexConverter.ToHex(data.AsSpan(0, 4)));
        Assert.Equal(4 + 32 * 20, data.Length);
        // The spec's offsets: the uint256[][] tail starts at 0x40, the string[] tail at 0x140.
        Assert.Equal(0x40, data[4 + 31]);
        Assert.Equal("0x0140", HexConverter.ToHex(data.AsSpan(4 + 62, 2)));
        Assert.Equal(function.DecodeCall(data), new[]
        {
            AbiValue.Array(AbiValue.Array(AbiValue.Uint(1), AbiValue.Uint(2)), AbiValue.Array(AbiValue.Uint(3))),
            AbiValue.Array(AbiValue.String("one"), AbiValue.String("two"), AbiValue.String("three")),
        });
    }

    [Fact]
    public void Values_have_structural_equality_and_accessors()
    {
        Assert.Equal(AbiValue.Tuple(AbiValue.Uint(1), AbiValue.Bytes([1, 2])), AbiValue.Tuple(AbiValue.Uint(1), AbiValue.Bytes([1, 2])));
        Assert.NotEqual(AbiValue.Uint(1), AbiValue.Int(1));
        Assert.NotEqual(AbiValue.Bytes([1]), AbiValue.FixedBytes([1]));
        Assert.NotEqual(AbiValue.Array(AbiValue.Uint(1)), AbiValue.Tuple(AbiValue.Uint(1)));
        Assert.Equal(AbiValue.Bytes([1, 2]).GetHashCode(), AbiValue.Bytes([1, 2]).GetHashCode());
        Assert.Equal("x", AbiValue.String("x").AsString());
        Assert.True(AbiValue.Bool(true).AsBool());
        Assert.Throws<InvalidOperationException>(() => AbiValue.Uint(1).AsString());
        Assert.Throws<InvalidOperationException>(() => AbiValue.Uint(1).Items);
        var source = new byte[] { 1, 2 };
        var value = AbiValue.Bytes(source);
        source[0] = 9;
        Assert.Equal([1, 2], value.AsBytes());
        Assert.Equal("(1, \"a\", [true, false])", AbiValue.Tuple(AbiValue.Uint(1), AbiValue.String("a"), AbiValue.Array(AbiValue.Bool(true), AbiValue.Bool(false))).ToString());
    }
}
