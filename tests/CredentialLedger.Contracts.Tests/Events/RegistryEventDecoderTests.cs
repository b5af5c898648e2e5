using CredentialLedger.Contracts.Events;
using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Contracts.Tests.Events;

public sealed class RegistryEventDecoderTests
{
    private static readonly MemberCode KR = MemberCode.Parse("KR");
    private static readonly MemberCode KZ = MemberCode.Parse("KZ");
    private static readonly Hash32 Root = Keccak256.HashUtf8("root");
    private static readonly Hash32 NewRoot = Keccak256.HashUtf8("new root");
    private static readonly Address Account = Address.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    private static readonly LogPosition At = new(7, TestLogs.Transaction, 3);

    private readonly RegistryEventDecoder _decoder = new();

    public static TheoryData<string> AllEvents => [.. RegistryEventDecoder.Signatures.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(AllEvents))]
    public void Every_registry_event_decodes_into_the_record_of_its_name_with_its_position(string name)
    {
        var signature = RegistryEventDecoder.Signatures.Single(s => s.Name == name);
        var log = TestLogs.Build(signature, [.. signature.Parameters.Select(p => TestLogs.Sample(p.Type))]);

        Assert.True(_decoder.TryDecode(log, out var decoded));

        Assert.Equal(name, decoded.GetType().Name);
        Assert.Equal(TestLogs.Contract, decoded.Contract);
        Assert.Equal(At, decoded.Position);
    }

    [Fact]
    public void BatchAnchored_round_trips()
    {
        var log = TestLogs.Build(CredentialRegistryAbi.BatchAnchored,
            [Arg.Hash(Root), Arg.Code(KZ), AbiValue.Uint(37), AbiValue.Uint(1_700_000_000)]);

        Assert.Equal(new BatchAnchored(Root, KZ, 37, 1_700_000_000) { Contract = TestLogs.Contract, Position = At }, Decode(log));
    }

    [Fact]
    public void CredentialStatusesChanged_round_trips_with_its_indices_in_order()
    {
        var log = TestLogs.Build(CredentialRegistryAbi.CredentialStatusesChanged,
            [Arg.Hash(Root), AbiValue.Uint(2), AbiValue.Uint(9), AbiValue.Uint(1_700_000_001), Arg.Uint32s([5, 1, 3])]);

        Assert.Equal(new CredentialStatusesChanged(Root, CredentialStatus.Revoked, 9, 1_700_000_001, [5, 1, 3])
        {
            Contract = TestLogs.Contract, Position = At,
        }, Decode(log));
    }

    [Fact]
    public void CredentialSuperseded_round_trips()
    {
        var log = TestLogs.Build(CredentialRegistryAbi.CredentialSuperseded,
            [Arg.Hash(Root), AbiValue.Uint(4), Arg.Hash(NewRoot), AbiValue.Uint(0), AbiValue.Uint(3), AbiValue.Uint(1_700_000_002)]);

        Assert.Equal(new CredentialSuperseded(Root, 4, NewRoot, 0, 3, 1_700_000_002) { Contract = TestLogs.Contract, Position = At }, Decode(log));
    }

    [Fact]
    public void ProposalCreated_for_a_removal_has_no_first_operator()
    {
        var log = TestLogs.Build(MemberRegistryAbi.ProposalCreated,
            [AbiValue.Uint(3), AbiValue.Uint(1), Arg.Code(KZ), Arg.Code(KR), AbiValue.Address(Address.Zero), AbiValue.Uint(1_700_086_400)]);

        Assert.Equal(new ProposalCreated(3, ProposalKind.Remove, KZ, KR, null, 1_700_086_400) { Contract = TestLogs.Contract, Position = At },
            Decode(log));
    }

    [Fact]
    public void KeyRegistered_round_trips_with_its_public_key_and_no_chamber_for_a_member_key()
    {
        byte[] publicKey = [0x04, .. Enumerable.Range(1, 64).Select(i => (byte)i)];
        var log = TestLogs.Build(MemberRegistryAbi.KeyRegistered,
            [Arg.Hash(Keccak256.Hash(publicKey)), Arg.Code(KR), AbiValue.FixedBytes(new byte[16]), AbiValue.Uint(10), AbiValue.Uint(0),
                AbiValue.Bytes(publicKey)]);

        var decoded = Assert.IsType<KeyRegistered>(Decode(log));

        Assert.Equal(new KeyRegistered(Keccak256.Hash(publicKey), KR, null, 10, 0, publicKey) { Contract = TestLogs.Contract, Position = At },
            decoded);
        Assert.Null(decoded.Chamber);
    }

    [Fact]
    public void MraProposed_round_trips_with_its_parties()
    {
        var log = TestLogs.Build(MraRegistryAbi.MraProposed,
            [AbiValue.Uint(1), Arg.Code(KR), Arg.Codes([KR, KZ]), AbiValue.Uint(3), AbiValue.Uint(5), AbiValue.Uint(0), AbiValue.Uint(0)]);

        Assert.Equal(new MraProposed(1, KR, [KR, KZ], 3, 5, 0, 0) { Contract = TestLogs.Contract, Position = At }, Decode(log));
    }

    [Fact]
    public void OriginBatchAnchored_and_CertificateUsed_round_trip()
    {
        var chamber = ChamberId.FromAscii("KZ-ATAMEKEN");
        var declaration = Keccak256.HashUtf8("declaration 1");

        var anchored = Decode(TestLogs.Build(OriginRegistryAbi.OriginBatchAnchored,
            [Arg.Hash(Root), Arg.Chamber(chamber), Arg.Code(KZ), AbiValue.Uint(5), AbiValue.Uint(1_700_000_003)]));
        var used = Decode(TestLogs.Build(OriginRegistryAbi.CertificateUsed,
            [Arg.Hash(Root), AbiValue.Uint(2), Arg.Code(KR), Arg.Hash(declaration)]));

        Assert.Equal(new OriginBatchAnchored(Root, chamber, KZ, 5, 1_700_000_003) { Contract = TestLogs.Contract, Position = At }, anchored);
        Assert.Equal(new CertificateUsed(Root, 2, KR, declaration) { Contract = TestLogs.Contract, Position = At }, used);
    }

    [Fact]
    public void ChamberAuthorized_and_OperatorAdded_round_trip()
    {
        var chamber = ChamberId.FromAscii("KZ-ATAMEKEN");

        Assert.Equal(new ChamberAuthorized(chamber, KZ, Account) { Contract = TestLogs.Contract, Position = At },
            Decode(TestLogs.Build(MemberRegistryAbi.ChamberAuthorized, [Arg.Chamber(chamber), Arg.Code(KZ), AbiValue.Address(Account)])));
        Assert.Equal(new OperatorAdded(KR, Account) { Contract = TestLogs.Contract, Position = At },
            Decode(TestLogs.Build(MemberRegistryAbi.OperatorAdded, [Arg.Code(KR), AbiValue.Address(Account)])));
    }

    [Fact]
    public void A_log_of_another_contract_is_unknown()
    {
        var log = new Log
        {
            Address = TestLogs.Contract,
            Topics = [Keccak256.HashUtf8("Transfer(address,address,uint256)")],
            Data = new byte[32],
            BlockNumber = 1, TransactionHash = TestLogs.Transaction, LogIndex = 0,
        };

        Assert.False(_decoder.TryDecode(log, out var decoded));
        Assert.Null(decoded);
        Assert.False(_decoder.TryDecode(log with { Topics = [] }, out _));
        Assert.Empty(_decoder.DecodeAll([log]));
    }

    [Fact]
    public void A_decoder_with_addresses_accepts_an_event_only_from_the_registry_that_declares_it()
    {
        var addresses = new RegistryAddresses(
            Address.Parse("0x0000000000000000000000000000000000000001"), Address.Parse("0x0000000000000000000000000000000000000002"),
            Address.Parse("0x0000000000000000000000000000000000000003"), Address.Parse("0x0000000000000000000000000000000000000004"));
        var decoder = new RegistryEventDecoder(addresses);
        AbiValue[] values = [Arg.Hash(Root), Arg.Code(KZ), AbiValue.Uint(1), AbiValue.Uint(2)];

        Assert.True(decoder.TryDecode(TestLogs.Build(CredentialRegistryAbi.BatchAnchored, values, addresses.Credentials), out _));
        Assert.False(decoder.TryDecode(TestLogs.Build(CredentialRegistryAbi.BatchAnchored, values, addresses.Origins), out _));
        Assert.False(decoder.TryDecode(TestLogs.Build(CredentialRegistryAbi.BatchAnchored, values), out _));
    }

    [Fact]
    public void The_filter_asks_for_every_registry_event_of_the_four_addresses()
    {
        var addresses = new RegistryAddresses(
            Address.Parse("0x0000000000000000000000000000000000000001"), Address.Parse("0x0000000000000000000000000000000000000002"),
            Address.Parse("0x0000000000000000000000000000000000000003"), Address.Parse("0x0000000000000000000000000000000000000004"));

        var filter = new RegistryEventDecoder(addresses).CreateFilter(BlockParameter.FromNumber(5), BlockParameter.Latest);

        Assert.Equal(addresses.All, filter.Addresses);
        Assert.Equal(RegistryEventDecoder.Signatures.Select(s => s.Topic0), Assert.Single(filter.Topics)!);
        Assert.Throws<InvalidOperationException>(() => _decoder.CreateFilter(BlockParameter.Earliest, BlockParameter.Latest));
    }

    [Fact]
    public void A_malformed_registry_log_throws_rather_than_being_skipped()
    {
        var log = TestLogs.Build(CredentialRegistryAbi.BatchAnchored,
            [Arg.Hash(Root), Arg.Code(KZ), AbiValue.Uint(1), AbiValue.Uint(2)]);

        Assert.Throws<AbiDecodingException>(() => _decoder.TryDecode(log with { Data = new byte[31] }, out _));
        Assert.Throws<AbiDecodingException>(() => _decoder.TryDecode(log with { Topics = log.Topics.Take(2).ToList() }, out _));
    }

    [Fact]
    public void A_member_code_that_is_not_two_letters_is_malformed()
    {
        var log = TestLogs.Build(CredentialRegistryAbi.BatchAnchored,
            [Arg.Hash(Root), AbiValue.FixedBytes("kz"u8), AbiValue.Uint(1), AbiValue.Uint(2)]);

        Assert.Throws<AbiDecodingException>(() => _decoder.TryDecode(log, out _));
    }

    [Fact]
    public void An_out_of_range_enum_is_malformed()
    {
        var log = TestLogs.Build(CredentialRegistryAbi.CredentialStatusChanged,
            [Arg.Hash(Root), AbiValue.Uint(0), AbiValue.Uint(4), AbiValue.Uint(0), AbiValue.Uint(0)]);

        Assert.Throws<AbiDecodingException>(() => _decoder.TryDecode(log, out _));
    }

    [Fact]
    public void A_pending_log_without_position_is_refused()
    {
        var log = TestLogs.Build(CredentialRegistryAbi.BatchAnchored,
            [Arg.Hash(Root), Arg.Code(KZ), AbiValue.Uint(1), AbiValue.Uint(2)]) with { BlockNumber = null };

        Assert.Throws<ArgumentException>(() => _decoder.TryDecode(log, out _));
    }

    [Fact]
    public void Positions_order_by_block_then_log_index()
    {
        var a = new LogPosition(5, TestLogs.Transaction, 9);
        var b = new LogPosition(6, TestLogs.Transaction, 0);
        var c = new LogPosition(6, TestLogs.Transaction, 1);

        Assert.Equal([a, b, c], new[] { c, a, b }.Order());
        Assert.True(a < b && b < c);
    }

    private RegistryEvent Decode(Log log)
    {
        Assert.True(_decoder.TryDecode(log, out var decoded));
        return decoded;
    }
}
