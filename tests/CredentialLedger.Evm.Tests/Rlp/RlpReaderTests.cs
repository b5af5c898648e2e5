using System.Numerics;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rlp;

namespace CredentialLedger.Evm.Tests.Rlp;

public sealed class RlpReaderTests
{
    [Fact]
    public void List_items_are_read_in_order_with_absolute_positions()
    {
        var bytes = HexConverter.ToBytes("0xc88363617483646f67");
        var reader = new RlpReader(bytes);
        Assert.True(reader.PeekIsList());
        var list = reader.ReadList();
        reader.ReadEnd();
        Assert.Equal(1, list.Position);
        Assert.Equal("cat"u8.ToArray(), list.ReadBytes().ToArray());
        Assert.Equal(5, list.Position);
        Assert.Equal("dog"u8.ToArray(), list.ReadBytes().ToArray());
        Assert.True(list.IsAtEnd);
    }

    [Theory]
    [InlineData("0x80", 0UL)]
    [InlineData("0x00", null)]
    [InlineData("0x7f", 0x7fUL)]
    [InlineData("0x820400", 1024UL)]
    [InlineData("0x88ffffffffffffffff", ulong.MaxValue)]
    [InlineData("0x89010000000000000000", null)]
    [InlineData("0x820001", null)]
    public void UInt64_reads_only_canonical_values_that_fit(string hex, ulong? expected)
    {
        var bytes = HexConverter.ToBytes(hex);
        if (expected is { } value)
        {
            var reader = new RlpReader(bytes);
            Assert.Equal(value, reader.ReadUInt64());
        }
        else
        {
            Assert.Throws<RlpException>(() => new RlpReader(bytes).ReadUInt64());
        }
    }

    [Fact]
    public void UInt256_accepts_32_bytes_and_rejects_33()
    {
        var max = (BigInteger.One << 256) - 1;
        var ok = HexConverter.ToBytes("0xa0" + new string('f', 64));
        Assert.Equal(max, new RlpReader(ok).ReadUInt256());
        var tooWide = HexConverter.ToBytes("0xa101" + new string('0', 64));
        var ex = Assert.Throws<RlpException>(() => new RlpReader(tooWide).ReadUInt256());
        Assert.Contains("256 bits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_address_is_null_for_the_empty_string()
    {
        Assert.Null(new RlpReader([0x80]).ReadOptionalAddress());
        var address = Address.Parse("0x00000000000000000000000000000000000000aa");
        var bytes = new byte[21];
        bytes[0] = 0x94;
        address.CopyTo(bytes.AsSpan(1));
        Assert.Equal(address, new RlpReader(bytes).ReadOptionalAddress());
        Assert.Equal(address, new RlpReader(bytes).ReadAddress());
    }

    [Fact]
    public void Reading_a_list_as_bytes_is_rejected_with_its_position()
    {
        var bytes = HexConverter.ToBytes("0xc2c080");
        var list = new RlpReader(bytes).ReadList();
        var position = list.Position;
        Assert.Equal(1, position);
        var ex = Assert.Throws<RlpException>(() => new RlpReader(bytes).ReadList().ReadBytes());
        Assert.Equal(1, ex.Position);
        Assert.Contains("at byte 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoded_item_is_returned_whole()
    {
        var bytes = HexConverter.ToBytes("0xc88363617483646f6701");
        var reader = new RlpReader(bytes);
        Assert.Equal(bytes[..9], reader.ReadEncodedItem().ToArray());
        Assert.Equal(1UL, reader.ReadUInt64());
        reader.ReadEnd();
    }

    [Fact]
    public void Item_tree_helpers_build_what_they_say()
    {
        Assert.Equal(RlpItem.FromBytes([]), RlpItem.FromUInt64(0));
        Assert.Equal(RlpItem.FromBytes([0x04, 0x00]), RlpItem.FromUInt64(1024));
        Assert.Equal("[0x01, []]", RlpItem.FromList(RlpItem.FromUInt64(1), RlpItem.FromList()).ToString());
        Assert.NotEqual<RlpItem>(RlpItem.FromList(), RlpItem.FromBytes([]));
    }
}
