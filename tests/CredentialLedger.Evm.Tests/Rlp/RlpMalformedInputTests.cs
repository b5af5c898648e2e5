using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rlp;

namespace CredentialLedger.Evm.Tests.Rlp;

/// <summary>Tables of malformed input, each refused with an <see cref="RlpException"/> naming the position.</summary>
public sealed class RlpMalformedInputTests
{
    public static TheoryData<string, string> Strange_structure_cases => new()
    {
        { "", "ended" },                                        // empty input
        { "0x8100", "Single byte below 0x80" },                 // 0x00 wrapped as a string
        { "0x817f", "Single byte below 0x80" },
        { "0xb800", "leading zero" },                           // long form, zero-padded length
        { "0xb90002" + new string('0', 4), "leading zero" },
        { "0xb837" + new string('a', 110), "short form" },      // 55 bytes in long form
        { "0xf803112233", "short form" },                       // list of 3 in long form
        { "0x83aabb", "runs past the end" },                    // declared 3, has 2
        { "0xc3aabb", "runs past the end" },
        { "0xb9", "runs past the end" },                        // length-of-length missing
        { "0xbfffffffffffffffff", "runs past the end" },        // 2^64-1 bytes claimed: fails on arithmetic
        { "0xffffffffffffffffff00", "runs past the end" },
        { "0xbf7fffffffffffffff", "runs past the end" },
        { "0xc5830102", "runs past the end" },                  // inner item overruns the list
        { "0xc2820102", "runs past the end" },                  // inner item overruns the list payload
        { "0x8001", "trailing" },                               // trailing byte after the top-level item
        { "0xc0c0", "trailing" },
    };

    [Theory, MemberData(nameof(Strange_structure_cases))]
    public void Strange_structure_cases_are_rejected(string hex, string reason)
    {
        var bytes = HexConverter.ToBytes(hex.Length == 0 ? "0x" : hex);
        var ex = Assert.Throws<RlpException>(() => RlpCodec.Decode(bytes));
        Assert.Contains(reason, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(ex.Position, 0, bytes.Length);
    }

    public static TheoryData<string> Strange_integer_cases => new()
    {
        "0x00",                 // zero must be 0x80
        "0x8200ff",             // leading zero byte
        "0x8100",               // non-canonical single byte
        "0x89010000000000000000", // 2^64 does not fit
        "0xc0",                 // a list is not an integer
    };

    [Theory, MemberData(nameof(Strange_integer_cases))]
    public void Strange_integer_cases_are_rejected(string hex)
    {
        var bytes = HexConverter.ToBytes(hex);
        Assert.Throws<RlpException>(() => new RlpReader(bytes).ReadUInt64());
    }

    [Fact]
    public void Single_byte_below_0x80_wrapped_as_string_is_rejected()
    {
        var ex = Assert.Throws<RlpException>(() => RlpCodec.Decode([0x81, 0x00]));
        Assert.Equal(0, ex.Position);
    }

    [Fact]
    public void Nested_error_reports_the_absolute_position()
    {
        // [ "cat", 0x8105 ] — the bad item starts at byte 5.
        var ex = Assert.Throws<RlpException>(() => RlpCodec.Decode(HexConverter.ToBytes("0xc68363617481 05".Replace(" ", "", StringComparison.Ordinal))));
        Assert.Equal(5, ex.Position);
    }

    [Fact]
    public void Oversize_length_prefix_fails_without_allocating()
    {
        var bytes = HexConverter.ToBytes("0xbfffffffffffffffff");
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var reader = new RlpReader(bytes);
            reader.ReadBytes();
            Assert.Fail("Accepted a 2^64-byte string.");
        }
        catch (RlpException)
        {
        }
        // The exception and its message are the only allocations; nothing sized by the claimed length.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Fact]
    public void Deeply_nested_lists_are_refused_instead_of_overflowing_the_stack()
    {
        const int depth = 10_000;
        // Lengths inside out: the innermost item is the empty list 0xc0, each level wraps the previous one.
        var lengths = new int[depth + 1];
        lengths[0] = 1;
        for (var i = 1; i <= depth; i++)
            lengths[i] = RlpWriter.LengthOfList(lengths[i - 1]);
        var bytes = new byte[lengths[depth]];
        var writer = new RlpWriter(bytes);
        for (var i = depth; i >= 1; i--)
            writer.WriteListHeader(lengths[i - 1]);
        writer.WriteListHeader(0);
        Assert.Equal(bytes.Length, writer.Position);

        var ex = Assert.Throws<RlpException>(() => RlpCodec.Decode(bytes));
        Assert.Contains("deeper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_at_the_limit_is_accepted()
    {
        var item = RlpItem.FromList();
        for (var i = 0; i < RlpCodec.MaxDepth; i++)
            item = RlpItem.FromList(item);
        var encoded = RlpCodec.Encode(item);
        Assert.Throws<RlpException>(() => RlpCodec.Decode(encoded));

        var shallower = ((RlpList)item).Items[0];
        Assert.Equal(shallower, RlpCodec.Decode(RlpCodec.Encode(shallower)));
    }
}
