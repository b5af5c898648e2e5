using CredentialLedger.Contracts.Artifacts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;
using static CredentialLedger.Contracts.Tests.Live.RegistryTestbed;

namespace CredentialLedger.Contracts.Tests.Live;

[Trait("Category", "Live")]
public sealed class MemberRegistryLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly MemberCode TJ = MemberCode.Parse("TJ");

    [Fact]
    public async Task Deployment_founds_the_members_and_links_the_registries()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var members = testbed.Kr.Members;

        Assert.Equal([KR, KZ, UZ], await members.MemberCodesAsync(cts.Token));
        Assert.Equal(3UL, await members.ActiveMemberCountAsync(cts.Token));
        var kr = await members.GetMemberAsync(KR, cts.Token);
        Assert.Equal((MemberStatus.Active, 1u, (byte)1), (kr.Status, kr.Epoch, kr.OperatorCount));
        Assert.Equal([anvil.Accounts[2]], await members.OperatorsAsync(KZ, cts.Token));
        Assert.Equal(UZ, await members.OperatorMemberAsync(anvil.Accounts[3], cts.Token));
        Assert.Null(await members.OperatorMemberAsync(anvil.Accounts[9], cts.Token));
        Assert.Equal(MemberStatus.None, (await members.GetMemberAsync(TJ, cts.Token)).Status);
        Assert.Equal(VotingPeriod, await members.VotingPeriodAsync(cts.Token));
        Assert.Equal(16UL, await members.MaxOperatorsAsync(cts.Token));
        Assert.Equal(RegistryDeployer.MaxVotingPeriod, await members.MaxVotingPeriodAsync(cts.Token));
        Assert.Equal(testbed.Addresses.Members, await testbed.Kr.Mras.MembersAsync(cts.Token));
        await RegistryDeployer.VerifyCodeAsync(testbed.Client, ContractArtifacts.OriginRegistry, testbed.Addresses.Origins, cts.Token);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RegistryDeployer.VerifyCodeAsync(testbed.Client, ContractArtifacts.MraRegistry, testbed.Addresses.Origins, cts.Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RegistryDeployer.VerifyCodeAsync(testbed.Client, ContractArtifacts.MraRegistry, anvil.Accounts[9], cts.Token));
        var network = new RegistryNetwork(await testbed.Client.ChainIdAsync(cts.Token), testbed.Addresses);
        Assert.Equal(network, RegistryNetwork.Parse(network.ToJson()));
    }

    [Fact]
    public async Task The_deployer_refuses_founders_and_voting_periods_the_registry_would_revert_on()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var sender = testbed.Deployer.Sender;
        (MemberCode, Address)[] founders = [(KR, anvil.Accounts[1]), (KZ, anvil.Accounts[2])];
        var nonce = await testbed.Client.GetTransactionCountAsync(sender.Address, BlockParameter.Pending, cts.Token);

        await Assert.ThrowsAsync<ArgumentException>(() => RegistryDeployer.DeployAsync(sender, [], VotingPeriod, cts.Token));
        await Assert.ThrowsAsync<ArgumentException>(() => RegistryDeployer.DeployAsync(sender,
            [(KR, anvil.Accounts[1]), (KR, anvil.Accounts[2])], VotingPeriod, cts.Token));
        await Assert.ThrowsAsync<ArgumentException>(() => RegistryDeployer.DeployAsync(sender,
            [(KR, anvil.Accounts[1]), (KZ, anvil.Accounts[1])], VotingPeriod, cts.Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RegistryDeployer.DeployAsync(sender,
            founders, RegistryDeployer.MaxVotingPeriod + TimeSpan.FromSeconds(1), cts.Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RegistryDeployer.DeployAsync(sender,
            founders, TimeSpan.FromMilliseconds(1500), cts.Token));

        Assert.Equal(nonce, await testbed.Client.GetTransactionCountAsync(sender.Address, BlockParameter.Pending, cts.Token));
    }

    [Fact]
    public async Task An_admission_needs_a_majority_and_then_anyone_can_execute_it()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var newOperator = anvil.Accounts[4];

        var proposed = await testbed.Kr.Members.ProposeAsync(ProposalKind.Admit, TJ, newOperator, cts.Token);
        var proposal = await testbed.Kr.Members.GetProposalAsync(proposed.Value, cts.Token);
        var early = await Reverts.ThrowsAsync("MemberRegistryNoMajority", () => testbed.Deployer.Members.ExecuteAsync(proposed.Value, cts.Token));
        var twice = await Reverts.ThrowsAsync("MemberRegistryAlreadyVoted", () => testbed.Kr.Members.VoteAsync(proposed.Value, cts.Token));
        await testbed.Kz.Members.VoteAsync(proposed.Value, cts.Token);
        var tally = await testbed.Kr.Members.TallyAsync(proposed.Value, cts.Token);
        await testbed.Deployer.Members.ExecuteAsync(proposed.Value, cts.Token);

        Assert.Equal(1UL, proposed.Value);
        Assert.Equal((ProposalKind.Admit, TJ, KR, false, (Address?)newOperator), (proposal.Kind, proposal.Subject, proposal.Proposer, proposal.Executed, proposal.FirstOperator));
        Assert.Equal(proposal.CreatedAt + (ulong)VotingPeriod.TotalSeconds, proposal.ExpiresAt);
        Assert.Equal([AbiValue.Uint(1), AbiValue.Uint(1), AbiValue.Uint(2)], early);
        Assert.Equal([AbiValue.Uint(1), Reverts.Code(KR)], twice);
        Assert.Equal(new ProposalTally(2, 2), tally);
        Assert.True(tally.HasMajority);
        Assert.True(await testbed.Kr.Members.IsActiveMemberAsync(TJ, cts.Token));
        Assert.Equal(TJ, await testbed.Kr.Members.OperatorMemberAsync(newOperator, cts.Token));
        Assert.Equal(4UL, await testbed.Kr.Members.ActiveMemberCountAsync(cts.Token));
        Assert.True((await testbed.Kr.Members.GetProposalAsync(proposed.Value, cts.Token)).Executed);
        await Reverts.ThrowsAsync("MemberRegistryProposalExecuted", () => testbed.Uz.Members.VoteAsync(proposed.Value, cts.Token));
        await Reverts.ThrowsAsync("MemberRegistryUnknownProposal", () => testbed.Kr.Members.GetProposalAsync(99, cts.Token));
    }

    [Fact]
    public async Task A_removal_is_voted_like_an_admission_and_removes_the_operators()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);

        var proposed = await testbed.Kr.Members.ProposeAsync(ProposalKind.Remove, UZ, null, cts.Token);
        await testbed.Kz.Members.VoteAsync(proposed.Value, cts.Token);
        await testbed.Kz.Members.ExecuteAsync(proposed.Value, cts.Token);

        Assert.Null((await testbed.Kr.Members.GetProposalAsync(proposed.Value, cts.Token)).FirstOperator);
        Assert.Equal(MemberStatus.Removed, (await testbed.Kr.Members.GetMemberAsync(UZ, cts.Token)).Status);
        Assert.Null(await testbed.Kr.Members.OperatorMemberAsync(anvil.Accounts[3], cts.Token));
        Assert.Empty(await testbed.Kr.Members.OperatorsAsync(UZ, cts.Token));
        await Reverts.ThrowsAsync("MemberRegistryNotOperator", () => testbed.Uz.Members.AddOperatorAsync(anvil.Accounts[8], cts.Token));
    }

    [Fact]
    public async Task Operators_can_be_added_and_removed_but_never_the_last_one()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var second = anvil.Accounts[5];

        await testbed.Kr.Members.AddOperatorAsync(second, cts.Token);
        var withSecond = await testbed.Kr.Members.OperatorsAsync(KR, cts.Token);
        var secondWritesFor = await testbed.Kr.Members.OperatorMemberAsync(second, cts.Token);
        await testbed.Actor(5).Members.RemoveOperatorAsync(anvil.Accounts[1], cts.Token);
        var last = await Reverts.ThrowsAsync("MemberRegistryLastOperator",
            () => testbed.Actor(5).Members.RemoveOperatorAsync(second, cts.Token));
        var inUse = await Reverts.ThrowsAsync("MemberRegistryAccountInUse",
            () => testbed.Actor(5).Members.AddOperatorAsync(anvil.Accounts[2], cts.Token));

        Assert.Equal([anvil.Accounts[1], second], withSecond);
        Assert.Equal(KR, secondWritesFor);
        Assert.Equal([second], await testbed.Kr.Members.OperatorsAsync(KR, cts.Token));
        Assert.Null(await testbed.Kr.Members.OperatorMemberAsync(anvil.Accounts[1], cts.Token));
        Assert.Equal([Reverts.Code(KR)], last);
        Assert.Equal([AbiValue.Address(anvil.Accounts[2])], inUse);
    }

    [Fact]
    public async Task A_signing_key_is_valid_from_its_registration_until_its_revocation()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var publicKey = TestData.NewP256PublicKey();

        var registered = await testbed.Kr.Members.RegisterKeyAsync(publicKey, 0, 0, cts.Token);
        var t0 = (await testbed.Client.GetBlockByNumberAsync(registered.Receipt.BlockNumber, cts.Token)).Timestamp;
        var key = await testbed.Kr.Members.GetKeyAsync(registered.Value, cts.Token);
        var before = await testbed.Kr.Members.KeyValidAtAsync(registered.Value, t0 - 1, cts.Token);
        var atRegistration = await testbed.Kr.Members.KeyValidAtAsync(registered.Value, t0, cts.Token);
        await testbed.Kr.Members.RevokeKeyAsync(registered.Value, t0 + 100, 3, cts.Token);
        var revoked = await testbed.Kr.Members.GetKeyAsync(registered.Value, cts.Token);

        Assert.Equal(Keccak256.Hash(publicKey), registered.Value);
        Assert.Equal(new SigningKey(registered.Value, KR, null, t0, 0, 0, 0, publicKey), key);
        Assert.Equal(new KeyValidity(false, KR, null), before);
        Assert.Equal(new KeyValidity(true, KR, null), atRegistration);
        Assert.Equal((t0 + 100, (byte)3), (revoked!.RevokedAt, revoked.RevocationReason));
        Assert.True((await testbed.Kr.Members.KeyValidAtAsync(registered.Value, t0 + 99, cts.Token)).Valid);
        Assert.False((await testbed.Kr.Members.KeyValidAtAsync(registered.Value, t0 + 100, cts.Token)).Valid);
        Assert.True(revoked.IsValidAt(t0 + 99) && !revoked.IsValidAt(t0 + 100));
        Assert.Null(await testbed.Kr.Members.GetKeyAsync(Keccak256.HashUtf8("no such key"), cts.Token));
        Assert.Equal(new KeyValidity(false, null, null), await testbed.Kr.Members.KeyValidAtAsync(Keccak256.HashUtf8("no such key"), t0, cts.Token));
    }

    [Fact]
    public async Task A_key_cannot_be_registered_twice_revoked_later_or_managed_by_another_member()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var publicKey = TestData.NewP256PublicKey();
        var keyId = (await testbed.Kr.Members.RegisterKeyAsync(publicKey, 0, 0, cts.Token)).Value;
        var now = await testbed.NowAsync(cts.Token);
        await testbed.Kr.Members.RevokeKeyAsync(keyId, now + 10, 1, cts.Token);

        var exists = await Reverts.ThrowsAsync("MemberRegistryKeyExists", () => testbed.Kz.Members.RegisterKeyAsync(publicKey, 0, 0, cts.Token));
        var later = await Reverts.ThrowsAsync("MemberRegistryKeyAlreadyRevoked", () => testbed.Kr.Members.RevokeKeyAsync(keyId, now + 20, 1, cts.Token));
        var notManager = await Reverts.ThrowsAsync("MemberRegistryNotKeyManager", () => testbed.Kz.Members.RevokeKeyAsync(keyId, now, 1, cts.Token));
        var badKey = await Reverts.ThrowsAsync("MemberRegistryInvalidPublicKey", () => testbed.Kr.Members.RegisterKeyAsync(publicKey[1..], 0, 0, cts.Token));
        await testbed.Kr.Members.RevokeKeyAsync(keyId, now + 5, 2, cts.Token);

        Assert.Equal([Reverts.Hash(keyId)], exists);
        Assert.Equal([Reverts.Hash(keyId), AbiValue.Uint(now + 10)], later);
        Assert.Equal([Reverts.Hash(keyId), AbiValue.Address(anvil.Accounts[2])], notManager);
        Assert.Equal([AbiValue.Uint(64)], badKey);
        Assert.Equal(now + 5, (await testbed.Kr.Members.GetKeyAsync(keyId, cts.Token))!.RevokedAt);
    }

    [Fact]
    public async Task A_chamber_can_be_authorized_suspended_reinstated_and_withdrawn_by_its_member_only()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var chamber = ChamberId.FromAscii("KZ-ATAMEKEN");
        var chamberAccount = anvil.Accounts[5];
        var members = testbed.Kz.Members;

        await members.AuthorizeChamberAsync(chamber, chamberAccount, cts.Token);
        var authorized = await members.GetChamberAsync(chamber, cts.Token);
        var membership = await members.ChamberOfAsync(chamberAccount, cts.Token);
        var chamberKey = await testbed.Actor(5).Members.RegisterChamberKeyAsync(chamber, TestData.NewP256PublicKey(), 0, 0, cts.Token);
        var wrongMember = await Reverts.ThrowsAsync("MemberRegistryWrongMember",
            () => testbed.Kr.Members.SuspendChamberAsync(chamber, 1, cts.Token));
        await members.SuspendChamberAsync(chamber, 2, cts.Token);
        var suspended = (await members.GetChamberAsync(chamber, cts.Token))!.Status;
        var whileSuspended = await members.ChamberOfAsync(chamberAccount, cts.Token);
        await members.ReinstateChamberAsync(chamber, cts.Token);
        var reinstated = (await members.GetChamberAsync(chamber, cts.Token))!.Status;
        await members.AddChamberAccountAsync(chamber, anvil.Accounts[6], cts.Token);
        var secondAccount = await members.ChamberOfAsync(anvil.Accounts[6], cts.Token);
        await members.RemoveChamberAccountAsync(chamber, anvil.Accounts[6], cts.Token);
        await members.WithdrawChamberAsync(chamber, 4, cts.Token);
        var afterWithdrawal = await Reverts.ThrowsAsync("MemberRegistryChamberStatus", () => members.ReinstateChamberAsync(chamber, cts.Token));

        Assert.Equal(new ChamberRecord(chamber, KZ, ChamberStatus.Active, 1), authorized);
        Assert.Equal(new ChamberMembership(KZ, chamber, true), membership);
        Assert.Equal(chamber, (await members.GetKeyAsync(chamberKey.Value, cts.Token))!.Chamber);
        Assert.Equal([AbiValue.Address(anvil.Accounts[1]), Reverts.Code(KZ), Reverts.Code(KR)], wrongMember);
        Assert.Equal(ChamberStatus.Suspended, suspended);
        Assert.Equal(new ChamberMembership(KZ, chamber, false), whileSuspended);
        Assert.Equal(ChamberStatus.Active, reinstated);
        Assert.Equal(new ChamberMembership(KZ, chamber, true), secondAccount);
        Assert.Null(await members.ChamberOfAsync(anvil.Accounts[6], cts.Token));
        Assert.Equal(ChamberStatus.Withdrawn, (await members.GetChamberAsync(chamber, cts.Token))!.Status);
        Assert.Equal([AbiValue.FixedBytes(chamber.ToArray()), AbiValue.Uint((int)ChamberStatus.Withdrawn)], afterWithdrawal);
        Assert.Null(await members.GetChamberAsync(ChamberId.FromAscii("NOPE"), cts.Token));
    }

    [Fact]
    public async Task Reads_at_an_earlier_block_see_the_earlier_state()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var before = await testbed.Client.BlockNumberAsync(cts.Token);

        await testbed.Kr.Members.AddOperatorAsync(anvil.Accounts[7], cts.Token);

        Assert.Equal(2, (await testbed.Kr.Members.OperatorsAsync(KR, cts.Token)).Count);
        Assert.Single(await testbed.Kr.Members.AtBlock(BlockParameter.FromNumber(before)).OperatorsAsync(KR, cts.Token));
    }

    [Fact]
    public async Task A_read_only_client_refuses_to_write()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var readOnly = new MemberRegistryClient(testbed.Addresses.Members, testbed.Client);

        Assert.Equal(3UL, await readOnly.ActiveMemberCountAsync(cts.Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() => readOnly.AddOperatorAsync(anvil.Accounts[8], cts.Token));
    }
}
