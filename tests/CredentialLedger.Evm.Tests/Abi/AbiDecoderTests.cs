using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Tests.Abi;

public sealed class AbiDecoderTests
{
    private static string W(ulong value) => value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    private const string Zero = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string Ones = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    /// <summary>Hand-made malformed inputs: each must raise AbiDecodingException, fast, without large allocations.</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { "uint256", "" },
        { "uint256", Zero[..62] },
        { "bool", Zero[..62] + "02" },
        { "uint8", Zero[..60] + "0100" },
        { "int8", Zero[..62] + "80" },
        { "int8", Ones[..62] + "7f" },
        { "int16", Ones[..60] + "7fff" },
        { "address", "01" + Zero[..62] },
        { "bytes1", "01" + Zero[..60] + "01" },
        { "bytes", W(32) },
        { "bytes", W(64) + W(0) },
        { "bytes", W(31) + W(0) },
        { "bytes", W(32) + Ones },
        { "bytes", W(32) + W(1) },
        { "bytes", W(32) + W(1) + "ab" + Zero[..60] },
        { "string", W(32) + W(1) + "ff" + Zero[..62] },
        { "string", W(32) + W(2) + "c328" + Zero[..60] },
        { "uint256[]", W(32) + W(ulong.MaxValue) },
        { "uint256[]", W(32) + W(int.MaxValue) },
        { "uint256[]", W(32) + W(2) + W(1) },
        { "uint256[][]", W(32) + W(1) + W(32) + W(0x7fffffff) },
        { "string[]", W(32) + W(2) + W(64) + W(64) + W(1) + "61" + Zero[..62] },
        { "uint256[3]", W(1) + W(2) },
        { "(uint256,bytes)", W(32) + W(1) },
        { "uint256", W(1) + W(2) },
        { "uint256[]", W(32) + W(0) + W(0) },
        { "bytes", W(33) + Zero + W(1) + "ab" + Zero[..62] },
    };

    [Theory, MemberData(nameof(Malformed))]
    public void Malformed_data_is_rejected(string type, string hex)
    {
        var data = HexConverter.ToBytes(hex);
        var error = Assert.Throws<AbiDecodingException>(() => AbiDecoder.Decode(AbiType.Parse(type), data));
        Assert.Contains("at byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_array_length_does_not_allocate()
    {
        var type = AbiType.Parse("uint8[][][]");
        var data = HexConverter.ToBytes(W(32) + W(uint.MaxValue) + W(32));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<AbiDecodingException>(() => AbiDecoder.Decode(type, data));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000);
    }

    [Fact]
    public void Aliased_offsets_cannot_amplify_work()
    {
        // Two elements pointing at the same inner array would double the decoded size per level; the canonical-offset
        // rule rejects the second pointer.
        var data = HexConverter.ToBytes(W(32) + W(2) + W(64) + W(64) + W(1) + W(5));
        var error = Assert.Throws<AbiDecodingException>(() => AbiDecoder.Decode(AbiType.Parse("uint256[][]"), data));
        Assert.Contains("non-canonical offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_reports_the_byte_offset()
    {
        var data = HexConverter.ToBytes(W(1) + Zero[..62] + "02");
        var error = Assert.Throws<AbiDecodingException>(() => AbiDecoder.Decode([AbiType.UInt256, AbiType.Bool], data));
        Assert.Equal(32, error.Position);
    }

    [Fact]
    public void Empty_arrays_and_strings_decode()
    {
        var types = new[] { AbiType.Parse("uint256[]"), AbiType.String, AbiType.Bytes };
        var values = new[] { AbiValue.Array(), AbiValue.String(""), AbiValue.Bytes([]) };
        var data = AbiEncoder.Encode(types, values);
        Assert.Equal(6 * 32, data.Length);
        Assert.Equal(values, AbiDecoder.Decode(types, data));
    }

    [Fact]
    public void Zero_types_decode_only_empty_data()
    {
        Assert.Empty(AbiDecoder.Decode([], []));
        Assert.Throws<AbiDecodingException>(() => AbiDecoder.Decode([], new byte[32]));
    }
}
