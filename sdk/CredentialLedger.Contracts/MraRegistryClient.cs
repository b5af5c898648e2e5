using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;
using Abi = CredentialLedger.Contracts.Internal.MraRegistryAbi;

namespace CredentialLedger.Contracts;

/// <summary>
/// Typed client of a deployed <c>MraRegistry</c> (contracts/src/interfaces/IMraRegistry.sol): Mutual Recognition
/// Arrangements between members, their versioned terms, and the question "does verifier V recognize issuer I's AEO
/// programme p at time t?". Writes are sent by an operator of a party. Failures are reported as for
/// <see cref="MemberRegistryClient"/>. Times are unix seconds; a <c>validUntil</c> of 0 means no end. Thread-safe.
/// </summary>
public sealed class MraRegistryClient
{
    private readonly ContractConnection _contract;

    /// <summary>Creates a client of the MRA registry at <paramref name="address"/>.</summary>
    /// <param name="address">The registry's address.</param>
    /// <param name="client">Reads (<c>eth_call</c>).</param>
    /// <param name="sender">Sends writes from its account; null for a read-only client.</param>
    public MraRegistryClient(Address address, EthClient client, TransactionSender? sender = null)
        : this(new ContractConnection("MraRegistry", address, client, sender, BlockParameter.Latest))
    {
    }

    private MraRegistryClient(ContractConnection contract) => _contract = contract;

    /// <summary>The registry's address.</summary>
    public Address Address => _contract.Address;

    /// <summary>The block reads are made at.</summary>
    public BlockParameter Block => _contract.Block;

    /// <summary>A client that reads the state at <paramref name="block"/> (writes are unaffected).</summary>
    public MraRegistryClient AtBlock(BlockParameter block) => new(_contract.AtBlock(block));

    // ---------------------------------------------------------------- writes

    /// <summary><c>propose</c>: proposes an MRA as version 1; the sender's member must be a party and accepts it at once.</summary>
    /// <param name="parties">2 to 64 distinct active members in ascending order (2 = bilateral).</param>
    /// <param name="scope">Programme types recognized (bit p = programme p), not empty.</param>
    /// <param name="benefits">Benefits granted (bitmask).</param>
    /// <param name="validFrom">First unix second in force.</param>
    /// <param name="validUntil">First unix second no longer in force, or 0 for no end.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The receipt and the new MRA's id (from <c>MraProposed</c>).</returns>
    public async Task<TransactionResult<ulong>> ProposeAsync(
        IReadOnlyList<MemberCode> parties, uint scope, uint benefits, ulong validFrom, ulong validUntil, CancellationToken cancellationToken)
    {
        var receipt = await _contract.SendAsync(Abi.Propose,
            [Arg.Codes(parties), Arg.Uint(scope), Arg.Uint(benefits), Arg.Uint(validFrom), Arg.Uint(validUntil)], cancellationToken)
            .ConfigureAwait(false);
        return new(receipt, Read.U64(_contract.FindEvent(receipt, Abi.MraProposed)["mraId"]));
    }

    /// <summary><c>accept</c>: the sender's member, a party, accepts <paramref name="version"/> (it must be the latest).</summary>
    public Task<TransactionReceipt> AcceptAsync(ulong mraId, uint version, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Accept, [Arg.Uint(mraId), Arg.Uint(version)], cancellationToken);

    /// <summary><c>amend</c>: opens a new version with new terms, accepted by the sender's member at once.</summary>
    /// <returns>The receipt and the new version (from <c>MraAmended</c>).</returns>
    public async Task<TransactionResult<uint>> AmendAsync(
        ulong mraId, uint scope, uint benefits, ulong validFrom, ulong validUntil, CancellationToken cancellationToken)
    {
        var receipt = await _contract.SendAsync(Abi.Amend,
            [Arg.Uint(mraId), Arg.Uint(scope), Arg.Uint(benefits), Arg.Uint(validFrom), Arg.Uint(validUntil)], cancellationToken)
            .ConfigureAwait(false);
        return new(receipt, Read.U32(_contract.FindEvent(receipt, Abi.MraAmended)["version"]));
    }

    /// <summary><c>suspend</c>: any party suspends an active MRA.</summary>
    public Task<TransactionReceipt> SuspendAsync(ulong mraId, byte reason, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Suspend, [Arg.Uint(mraId), Arg.Uint(reason)], cancellationToken);

    /// <summary><c>resume</c>: any party lifts a suspension.</summary>
    public Task<TransactionReceipt> ResumeAsync(ulong mraId, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Resume, [Arg.Uint(mraId)], cancellationToken);

    /// <summary><c>terminate</c>: any party terminates the MRA, for good.</summary>
    public Task<TransactionReceipt> TerminateAsync(ulong mraId, byte reason, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Terminate, [Arg.Uint(mraId), Arg.Uint(reason)], cancellationToken);

    // ---------------------------------------------------------------- reads

    /// <summary><c>getMra</c>: an MRA's record, or null when no MRA has this id.</summary>
    public async Task<MraRecord?> GetMraAsync(ulong mraId, CancellationToken cancellationToken)
    {
        var m = (await _contract.CallSingleAsync(Abi.GetMra, [Arg.Uint(mraId)], cancellationToken).ConfigureAwait(false)).Items;
        var status = Read.Enum<MraStatus>(m[0]);
        return status == MraStatus.None ? null : new MraRecord(mraId, status, Read.U32(m[1]), Read.U32(m[2]), Read.U8(m[3]));
    }

    /// <summary><c>partiesOf</c>: an MRA's parties, ascending.</summary>
    public async Task<IReadOnlyList<MemberCode>> PartiesOfAsync(ulong mraId, CancellationToken cancellationToken) =>
        Read.Codes(await _contract.CallSingleAsync(Abi.PartiesOf, [Arg.Uint(mraId)], cancellationToken).ConfigureAwait(false));

    /// <summary><c>termsOf</c>: the terms of one version, or null when the MRA or version does not exist.</summary>
    public async Task<MraTerms?> TermsOfAsync(ulong mraId, uint version, CancellationToken cancellationToken)
    {
        var t = (await _contract.CallSingleAsync(Abi.TermsOf, [Arg.Uint(mraId), Arg.Uint(version)], cancellationToken).ConfigureAwait(false)).Items;
        var terms = new MraTerms(Read.U64(t[0]), Read.U64(t[1]), Read.U32(t[2]), Read.U32(t[3]), Read.U64(t[4]));
        // A version's scope is never empty (MraRegistryInvalidScope), so an empty one means "no such version".
        return terms.Scope == 0 ? null : terms;
    }

    /// <summary><c>mrasOf</c>: the MRAs a member is a party to, oldest first.</summary>
    public async Task<IReadOnlyList<ulong>> MrasOfAsync(MemberCode member, CancellationToken cancellationToken) =>
        Read.Uint64s(await _contract.CallSingleAsync(Abi.MrasOf, [Arg.Code(member)], cancellationToken).ConfigureAwait(false));

    /// <summary><c>inForce</c>: whether the MRA is in force at <paramref name="at"/> given its current status and concluded version.</summary>
    public async Task<bool> InForceAsync(ulong mraId, ulong at, CancellationToken cancellationToken) =>
        Read.Bool(await _contract.CallSingleAsync(Abi.InForce, [Arg.Uint(mraId), Arg.Uint(at)], cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// <c>recognizes</c>: does <paramref name="verifier"/> recognize <paramref name="issuer"/>'s AEO programme
    /// <paramref name="programme"/> (0 to 31) at <paramref name="at"/>, and under which MRA? Answers from the current
    /// state; the history of earlier states is in the events.
    /// </summary>
    public async Task<Recognition> RecognizesAsync(
        MemberCode verifier, MemberCode issuer, byte programme, ulong at, CancellationToken cancellationToken)
    {
        var r = await _contract.CallAsync(Abi.Recognizes,
            [Arg.Code(verifier), Arg.Code(issuer), Arg.Uint(programme), Arg.Uint(at)], cancellationToken).ConfigureAwait(false);
        return new Recognition(Read.Bool(r[0]), Read.U64(r[1]), Read.U32(r[2]), Read.U32(r[3]));
    }

    /// <summary><c>MAX_PARTIES</c>: the most parties an MRA may have.</summary>
    public async Task<ulong> MaxPartiesAsync(CancellationToken cancellationToken) =>
        Read.U64(await _contract.CallSingleAsync(Abi.MaxParties, [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>MEMBERS</c>: the member registry this registry trusts.</summary>
    public async Task<Address> MembersAsync(CancellationToken cancellationToken) =>
        Read.Address(await _contract.CallSingleAsync(Abi.Members, [], cancellationToken).ConfigureAwait(false));
}
