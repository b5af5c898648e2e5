using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Evm.Tests.Abi;

public sealed class AbiEventTests
{
    private static readonly Address From = Address.Parse("0x1111111111111111111111111111111111111111");
    private static readonly Address To = Address.Parse("0x2222222222222222222222222222222222222222");

    private static Hash32 Topic(AbiType type, AbiValue value) => new(AbiEncoder.Encode(type, value));

    [Fact]
    public void Transfer_log_decodes_to_named_values()
    {
        var transfer = EventSignature.Parse("Transfer(address indexed from, address indexed to, uint256 value)");
        var topics = new[] { transfer.Topic0, Topic(AbiType.Address, AbiValue.Address(From)), Topic(AbiType.Address, AbiValue.Address(To)) };
        var data = AbiEncoder.Encode(AbiType.UInt256, AbiValue.Uint(42));

        var log = transfer.DecodeLog(topics, data);

        Assert.Equal(From, log["from"].AsAddress());
        Assert.Equal(To, log["to"].AsAddress());
        Assert.Equal(42, (int)log["value"].AsBigInteger());
        Assert.Equal([AbiValue.Address(From), AbiValue.Address(To), AbiValue.Uint(42)], log.Values);
        Assert.Throws<KeyNotFoundException>(() => log["nope"]);
    }

    [Fact]
    public void Four_indexed_parameters_are_rejected() =>
        Assert.Throws<FormatException>(() => EventSignature.Parse("E(string indexed a, uint256[] indexed b, (uint8,bool) indexed c, int8 indexed d)"));

    [Fact]
    public void Indexed_dynamic_values_come_back_as_their_hash()
    {
        var e = EventSignature.Parse("Issued(string indexed id, bytes note, int8 indexed level, uint256[] indexed list)");
        var idHash = Keccak256.HashUtf8("cred-1");
        var listHash = Keccak256.Hash(new byte[64]);
        var topics = new[] { e.Topic0, idHash, Topic(new AbiIntType(8), AbiValue.Int(-3)), listHash };
        var log = e.DecodeLog(topics, AbiEncoder.Encode(AbiType.Bytes, AbiValue.Bytes([7])));

        Assert.Equal(idHash.ToArray(), log["id"].AsBytes());
        Assert.Equal(AbiValueKind.FixedBytes, log["id"].Kind);
        Assert.Equal([7], log["note"].AsBytes());
        Assert.Equal(-3, (int)log["level"].AsBigInteger());
        Assert.Equal(listHash.ToArray(), log["list"].AsBytes());
    }

    [Fact]
    public void Wrong_topic0_topic_count_or_dirty_topic_is_rejected()
    {
        var transfer = EventSignature.Parse("Transfer(address indexed from, address indexed to, uint256 value)");
        var data = AbiEncoder.Encode(AbiType.UInt256, AbiValue.Uint(1));
        var good = Topic(AbiType.Address, AbiValue.Address(From));
        var dirty = new Hash32([.. Enumerable.Repeat((byte)0xff, 12), .. From.ToArray()]);

        Assert.Throws<AbiDecodingException>(() => transfer.DecodeLog([], data));
        Assert.Throws<AbiDecodingException>(() => transfer.DecodeLog([Hash32.Zero, good, good], data));
        Assert.Throws<AbiDecodingException>(() => transfer.DecodeLog([transfer.Topic0, good], data));
        Assert.Throws<AbiDecodingException>(() => transfer.DecodeLog([transfer.Topic0, good, good, good], data));
        Assert.Throws<AbiDecodingException>(() => transfer.DecodeLog([transfer.Topic0, good, dirty], data));
        Assert.Throws<AbiDecodingException>(() => transfer.DecodeLog([transfer.Topic0, good, good], data[..31]));
    }
}
