using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;
using Abi = CredentialLedger.Contracts.Internal.MemberRegistryAbi;

namespace CredentialLedger.Contracts;

/// <summary>
/// Typed client of a deployed <c>MemberRegistry</c> (contracts/src/interfaces/IMemberRegistry.sol): governance,
/// operators, signing keys and chambers of commerce. One method per Solidity function, named after it. Reads use
/// <c>eth_call</c> at <see cref="Block"/>; writes are sent by the <see cref="TransactionSender"/> given at
/// construction and return once mined.
/// </summary>
/// <remarks>
/// Failures: a write that would revert throws <see cref="ContractRevertedException"/> before anything is sent (gas
/// estimation runs it), a transaction that reverts once mined throws <see cref="TransactionFailedException"/>, and a
/// read that reverts throws <see cref="ContractRevertedException"/>. The custom error comes back by name and arguments
/// when the <see cref="EthClient"/> was built with <see cref="Errors.RegistryErrors.CreateRevertDecoder"/>.
/// Times are unix seconds. Thread-safe.
/// </remarks>
public sealed class MemberRegistryClient
{
    private readonly ContractConnection _contract;

    /// <summary>Creates a client of the member registry at <paramref name="address"/>.</summary>
    /// <param name="address">The registry's address.</param>
    /// <param name="client">Reads (<c>eth_call</c>).</param>
    /// <param name="sender">Sends writes from its account; null for a read-only client.</param>
    public MemberRegistryClient(Address address, EthClient client, TransactionSender? sender = null)
        : this(new ContractConnection("MemberRegistry", address, client, sender, BlockParameter.Latest))
    {
    }

    private MemberRegistryClient(ContractConnection contract) => _contract = contract;

    /// <summary>The registry's address.</summary>
    public Address Address => _contract.Address;

    /// <summary>The block reads are made at (<see cref="BlockParameter.Latest"/> unless <see cref="AtBlock"/> chose another).</summary>
    public BlockParameter Block => _contract.Block;

    /// <summary>A client that reads the state at <paramref name="block"/> (writes are unaffected).</summary>
    public MemberRegistryClient AtBlock(BlockParameter block) => new(_contract.AtBlock(block));

    // ---------------------------------------------------------------- governance

    /// <summary>
    /// <c>propose</c>: opens a proposal to admit or remove <paramref name="subject"/>; the sender's member votes for it
    /// at once.
    /// </summary>
    /// <param name="kind">Admit or remove.</param>
    /// <param name="subject">The member concerned.</param>
    /// <param name="firstOperator">For an admission, the new member's first operator; null for a removal.</param>
    /// <param name="cancellationToken">Cancels the wait (not the transaction once sent).</param>
    /// <returns>The receipt and the new proposal's id (from <c>ProposalCreated</c>).</returns>
    public async Task<TransactionResult<ulong>> ProposeAsync(
        ProposalKind kind, MemberCode subject, Address? firstOperator, CancellationToken cancellationToken)
    {
        var receipt = await _contract.SendAsync(Abi.Propose,
            [AbiValue.Uint((byte)kind), Arg.Code(subject), Arg.Address(firstOperator ?? Evm.Address.Zero)], cancellationToken)
            .ConfigureAwait(false);
        return new(receipt, Read.U64(_contract.FindEvent(receipt, Abi.ProposalCreated)["proposalId"]));
    }

    /// <summary><c>vote</c>: casts the sender's member's vote for a proposal.</summary>
    public Task<TransactionReceipt> VoteAsync(ulong proposalId, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Vote, [Arg.Uint(proposalId)], cancellationToken);

    /// <summary><c>execute</c>: carries out a proposal that holds a majority of the active members. Anyone may send it.</summary>
    public Task<TransactionReceipt> ExecuteAsync(ulong proposalId, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Execute, [Arg.Uint(proposalId)], cancellationToken);

    /// <summary><c>getProposal</c>: a proposal; reverts with <c>MemberRegistryUnknownProposal</c> for unknown ids.</summary>
    public async Task<Proposal> GetProposalAsync(ulong proposalId, CancellationToken cancellationToken)
    {
        var p = (await _contract.CallSingleAsync(Abi.GetProposal, [Arg.Uint(proposalId)], cancellationToken).ConfigureAwait(false)).Items;
        return new Proposal(proposalId, Read.Enum<ProposalKind>(p[0]), Read.Code(p[1]), Read.Code(p[2]), Read.Bool(p[3]),
            Read.U64(p[4]), Read.U64(p[5]), Read.OptionalAddress(p[6]));
    }

    /// <summary><c>tally</c>: the votes of a proposal that count now, and how many a majority needs.</summary>
    public async Task<ProposalTally> TallyAsync(ulong proposalId, CancellationToken cancellationToken)
    {
        var r = await _contract.CallAsync(Abi.Tally, [Arg.Uint(proposalId)], cancellationToken).ConfigureAwait(false);
        return new ProposalTally(Read.U64(r[0]), Read.U64(r[1]));
    }

    // ---------------------------------------------------------------- members and operators

    /// <summary><c>addOperator</c>: adds an operator account to the sender's member.</summary>
    public Task<TransactionReceipt> AddOperatorAsync(Address account, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.AddOperator, [Arg.Address(account)], cancellationToken);

    /// <summary><c>removeOperator</c>: removes an operator of the sender's member (never the last one).</summary>
    public Task<TransactionReceipt> RemoveOperatorAsync(Address account, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.RemoveOperator, [Arg.Address(account)], cancellationToken);

    /// <summary><c>getMember</c>: a member's record (status <see cref="MemberStatus.None"/> for a code never admitted).</summary>
    public async Task<MemberRecord> GetMemberAsync(MemberCode member, CancellationToken cancellationToken)
    {
        var m = (await _contract.CallSingleAsync(Abi.GetMember, [Arg.Code(member)], cancellationToken).ConfigureAwait(false)).Items;
        return new MemberRecord(member, Read.Enum<MemberStatus>(m[0]), Read.U32(m[1]), Read.U64(m[2]), Read.U8(m[3]));
    }

    /// <summary><c>isActiveMember</c>: whether the member is active.</summary>
    public async Task<bool> IsActiveMemberAsync(MemberCode member, CancellationToken cancellationToken) =>
        Read.Bool(await _contract.CallSingleAsync(Abi.IsActiveMember, [Arg.Code(member)], cancellationToken).ConfigureAwait(false));

    /// <summary><c>operatorMember</c>: the active member <paramref name="account"/> writes for, or null.</summary>
    public async Task<MemberCode?> OperatorMemberAsync(Address account, CancellationToken cancellationToken) =>
        Read.OptionalCode(await _contract.CallSingleAsync(Abi.OperatorMember, [Arg.Address(account)], cancellationToken).ConfigureAwait(false));

    /// <summary><c>operators</c>: the operator accounts of a member.</summary>
    public async Task<IReadOnlyList<Address>> OperatorsAsync(MemberCode member, CancellationToken cancellationToken) =>
        Read.Addresses(await _contract.CallSingleAsync(Abi.Operators, [Arg.Code(member)], cancellationToken).ConfigureAwait(false));

    /// <summary><c>memberCodes</c>: every code ever admitted, in order of first admission.</summary>
    public async Task<IReadOnlyList<MemberCode>> MemberCodesAsync(CancellationToken cancellationToken) =>
        Read.Codes(await _contract.CallSingleAsync(Abi.MemberCodes, [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>activeMemberCount</c>: the number of active members.</summary>
    public async Task<ulong> ActiveMemberCountAsync(CancellationToken cancellationToken) =>
        Read.U64(await _contract.CallSingleAsync(Abi.ActiveMemberCount, [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>MAX_OPERATORS</c>: the most operator accounts a member may hold.</summary>
    public async Task<ulong> MaxOperatorsAsync(CancellationToken cancellationToken) =>
        Read.U64(await _contract.CallSingleAsync(Abi.MaxOperators, [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>VOTING_PERIOD</c>: how long a proposal stays open.</summary>
    public async Task<TimeSpan> VotingPeriodAsync(CancellationToken cancellationToken) =>
        TimeSpan.FromSeconds(Read.U64(await _contract.CallSingleAsync(Abi.VotingPeriod, [], cancellationToken).ConfigureAwait(false)));

    /// <summary><c>MAX_VOTING_PERIOD</c>: the longest voting period the registry accepts at deployment.</summary>
    public async Task<TimeSpan> MaxVotingPeriodAsync(CancellationToken cancellationToken) =>
        TimeSpan.FromSeconds(Read.U64(await _contract.CallSingleAsync(Abi.MaxVotingPeriod, [], cancellationToken).ConfigureAwait(false)));

    // ---------------------------------------------------------------- signing keys

    /// <summary><c>registerKey</c>: registers a credential-signing key of the sender's member.</summary>
    /// <param name="publicKey">65-byte SEC1 uncompressed P-256 point (0x04 || X || Y).</param>
    /// <param name="validFrom">First unix second the key may sign (the block time if earlier).</param>
    /// <param name="validUntil">First unix second it may no longer sign, or 0 for no end.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The receipt and the key id, keccak256(publicKey) (from <c>KeyRegistered</c>).</returns>
    public async Task<TransactionResult<Hash32>> RegisterKeyAsync(
        ReadOnlyMemory<byte> publicKey, ulong validFrom, ulong validUntil, CancellationToken cancellationToken)
    {
        var receipt = await _contract.SendAsync(Abi.RegisterKey,
            [Arg.Bytes(publicKey), Arg.Uint(validFrom), Arg.Uint(validUntil)], cancellationToken).ConfigureAwait(false);
        return new(receipt, Read.Hash(_contract.FindEvent(receipt, Abi.KeyRegistered)["keyId"]));
    }

    /// <summary>
    /// <c>registerChamberKey</c>: registers a signing key of a chamber; sent by one of the chamber's accounts or an
    /// operator of its member.
    /// </summary>
    /// <param name="chamber">The chamber.</param>
    /// <param name="publicKey">65-byte SEC1 uncompressed P-256 point.</param>
    /// <param name="validFrom">First unix second the key may sign.</param>
    /// <param name="validUntil">First unix second it may no longer sign, or 0 for no end.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The receipt and the key id (from <c>KeyRegistered</c>).</returns>
    public async Task<TransactionResult<Hash32>> RegisterChamberKeyAsync(
        ChamberId chamber, ReadOnlyMemory<byte> publicKey, ulong validFrom, ulong validUntil, CancellationToken cancellationToken)
    {
        var receipt = await _contract.SendAsync(Abi.RegisterChamberKey,
            [Arg.Chamber(chamber), Arg.Bytes(publicKey), Arg.Uint(validFrom), Arg.Uint(validUntil)], cancellationToken).ConfigureAwait(false);
        return new(receipt, Read.Hash(_contract.FindEvent(receipt, Abi.KeyRegistered)["keyId"]));
    }

    /// <summary>
    /// <c>revokeKey</c>: revokes a key from <paramref name="effectiveAt"/>, which may lie in the past (a compromise
    /// found late); a revoked key's time may only move earlier.
    /// </summary>
    public Task<TransactionReceipt> RevokeKeyAsync(Hash32 keyId, ulong effectiveAt, byte reason, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.RevokeKey, [Arg.Hash(keyId), Arg.Uint(effectiveAt), Arg.Uint(reason)], cancellationToken);

    /// <summary><c>getKey</c>: a signing key, or null when no key has this id.</summary>
    public async Task<SigningKey?> GetKeyAsync(Hash32 keyId, CancellationToken cancellationToken)
    {
        var k = (await _contract.CallSingleAsync(Abi.GetKey, [Arg.Hash(keyId)], cancellationToken).ConfigureAwait(false)).Items;
        return Read.OptionalCode(k[0]) is { } member
            ? new SigningKey(keyId, member, Read.OptionalChamber(k[1]), Read.U64(k[2]), Read.U64(k[3]), Read.U64(k[4]),
                Read.U8(k[5]), k[6].AsBytes())
            : null;
    }

    /// <summary><c>keyValidAt</c>: whether a key was valid for signing at <paramref name="at"/>, and whose it is.</summary>
    public async Task<KeyValidity> KeyValidAtAsync(Hash32 keyId, ulong at, CancellationToken cancellationToken)
    {
        var r = await _contract.CallAsync(Abi.KeyValidAt, [Arg.Hash(keyId), Arg.Uint(at)], cancellationToken).ConfigureAwait(false);
        return new KeyValidity(Read.Bool(r[0]), Read.OptionalCode(r[1]), Read.OptionalChamber(r[2]));
    }

    // ---------------------------------------------------------------- chambers of commerce

    /// <summary><c>authorizeChamber</c>: the sender's member authorizes a chamber with its first writing account.</summary>
    public Task<TransactionReceipt> AuthorizeChamberAsync(ChamberId chamber, Address account, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.AuthorizeChamber, [Arg.Chamber(chamber), Arg.Address(account)], cancellationToken);

    /// <summary><c>suspendChamber</c>: the chamber may not anchor or revoke until reinstated.</summary>
    public Task<TransactionReceipt> SuspendChamberAsync(ChamberId chamber, byte reason, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.SuspendChamber, [Arg.Chamber(chamber), Arg.Uint(reason)], cancellationToken);

    /// <summary><c>reinstateChamber</c>: lifts a chamber's suspension.</summary>
    public Task<TransactionReceipt> ReinstateChamberAsync(ChamberId chamber, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.ReinstateChamber, [Arg.Chamber(chamber)], cancellationToken);

    /// <summary><c>withdrawChamber</c>: withdraws a chamber's authorization for good.</summary>
    public Task<TransactionReceipt> WithdrawChamberAsync(ChamberId chamber, byte reason, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.WithdrawChamber, [Arg.Chamber(chamber), Arg.Uint(reason)], cancellationToken);

    /// <summary><c>addChamberAccount</c>: adds a writing account to a chamber of the sender's member.</summary>
    public Task<TransactionReceipt> AddChamberAccountAsync(ChamberId chamber, Address account, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.AddChamberAccount, [Arg.Chamber(chamber), Arg.Address(account)], cancellationToken);

    /// <summary><c>removeChamberAccount</c>: removes a writing account from a chamber of the sender's member.</summary>
    public Task<TransactionReceipt> RemoveChamberAccountAsync(ChamberId chamber, Address account, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.RemoveChamberAccount, [Arg.Chamber(chamber), Arg.Address(account)], cancellationToken);

    /// <summary><c>getChamber</c>: a chamber, or null when no chamber has this id.</summary>
    public async Task<ChamberRecord?> GetChamberAsync(ChamberId chamber, CancellationToken cancellationToken)
    {
        var c = (await _contract.CallSingleAsync(Abi.GetChamber, [Arg.Chamber(chamber)], cancellationToken).ConfigureAwait(false)).Items;
        var status = Read.Enum<ChamberStatus>(c[1]);
        return status == ChamberStatus.None ? null : new ChamberRecord(chamber, Read.Code(c[0]), status, Read.U32(c[2]));
    }

    /// <summary><c>chamberOf</c>: the chamber <paramref name="account"/> writes for and whether it may issue now, or null.</summary>
    public async Task<ChamberMembership?> ChamberOfAsync(Address account, CancellationToken cancellationToken)
    {
        var r = await _contract.CallAsync(Abi.ChamberOf, [Arg.Address(account)], cancellationToken).ConfigureAwait(false);
        return Read.OptionalChamber(r[1]) is { } chamber ? new ChamberMembership(Read.Code(r[0]), chamber, Read.Bool(r[2])) : null;
    }
}
