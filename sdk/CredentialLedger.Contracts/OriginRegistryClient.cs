using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;
using Abi = CredentialLedger.Contracts.Internal.OriginRegistryAbi;

namespace CredentialLedger.Contracts;

/// <summary>
/// Typed client of a deployed <c>OriginRegistry</c> (contracts/src/interfaces/IOriginRegistry.sol): batches of
/// certificates of origin anchored by chambers of commerce, their revocations, and their single use for preference
/// by an importing member. Anchoring and revoking are sent from a chamber account; <see cref="MarkUsedAsync"/> from an
/// operator of the importing member. Failures are reported as for <see cref="MemberRegistryClient"/>. Thread-safe.
/// </summary>
public sealed class OriginRegistryClient
{
    private readonly ContractConnection _contract;

    /// <summary>Creates a client of the origin registry at <paramref name="address"/>.</summary>
    /// <param name="address">The registry's address.</param>
    /// <param name="client">Reads (<c>eth_call</c>).</param>
    /// <param name="sender">Sends writes from its account; null for a read-only client.</param>
    public OriginRegistryClient(Address address, EthClient client, TransactionSender? sender = null)
        : this(new ContractConnection("OriginRegistry", address, client, sender, BlockParameter.Latest))
    {
    }

    private OriginRegistryClient(ContractConnection contract) => _contract = contract;

    /// <summary>The registry's address.</summary>
    public Address Address => _contract.Address;

    /// <summary>The block reads are made at.</summary>
    public BlockParameter Block => _contract.Block;

    /// <summary>A client that reads the state at <paramref name="block"/> (writes are unaffected).</summary>
    public OriginRegistryClient AtBlock(BlockParameter block) => new(_contract.AtBlock(block));

    // ---------------------------------------------------------------- writes

    /// <summary><c>anchor</c>: anchors the Merkle root of a batch of certificates for the sender's chamber.</summary>
    public Task<TransactionReceipt> AnchorAsync(Hash32 root, uint size, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Anchor, [Arg.Hash(root), Arg.Uint(size)], cancellationToken);

    /// <summary><c>revoke</c>: revokes one certificate of a batch the sender's chamber anchored (effectiveAt 0 = block time).</summary>
    public Task<TransactionReceipt> RevokeAsync(Hash32 root, uint index, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Revoke, [Arg.Hash(root), Arg.Uint(index), Arg.Uint(reason), Arg.Uint(effectiveAt)], cancellationToken);

    /// <summary><c>revokeMany</c>: revokes many certificates of one batch the sender's chamber anchored.</summary>
    public Task<TransactionReceipt> RevokeManyAsync(
        Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.RevokeMany, [Arg.Hash(root), Arg.Uint32s(indices), Arg.Uint(reason), Arg.Uint(effectiveAt)], cancellationToken);

    /// <summary>
    /// <c>markUsed</c>: the sender's member records that it used the certificate for a declaration. Only the first use
    /// stands; a second one reverts with <c>OriginRegistryAlreadyUsed</c> carrying the first use.
    /// </summary>
    public Task<TransactionReceipt> MarkUsedAsync(Hash32 root, uint index, Hash32 declarationRef, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.MarkUsed, [Arg.Hash(root), Arg.Uint(index), Arg.Hash(declarationRef)], cancellationToken);

    // ---------------------------------------------------------------- reads

    /// <summary><c>getBatch</c>: an anchored batch, or null when the root is not anchored.</summary>
    public async Task<OriginBatch?> GetBatchAsync(Hash32 root, CancellationToken cancellationToken)
    {
        var b = (await _contract.CallSingleAsync(Abi.GetBatch, [Arg.Hash(root)], cancellationToken).ConfigureAwait(false)).Items;
        return Read.OptionalChamber(b[0]) is { } chamber
            ? new OriginBatch(root, chamber, Read.Code(b[1]), Read.U32(b[2]), Read.U64(b[3]))
            : null;
    }

    /// <summary><c>isRevoked</c>: whether a certificate is revoked; reverts for unknown roots and indices out of range.</summary>
    public async Task<bool> IsRevokedAsync(Hash32 root, uint index, CancellationToken cancellationToken) =>
        Read.Bool(await _contract.CallSingleAsync(Abi.IsRevoked, [Arg.Hash(root), Arg.Uint(index)], cancellationToken).ConfigureAwait(false));

    /// <summary><c>useOf</c>: the first use of a certificate, or null when unused.</summary>
    public async Task<CertificateUse?> UseOfAsync(Hash32 root, uint index, CancellationToken cancellationToken)
    {
        var u = (await _contract.CallSingleAsync(Abi.UseOf, [Arg.Hash(root), Arg.Uint(index)], cancellationToken).ConfigureAwait(false)).Items;
        return Read.OptionalCode(u[0]) is { } member ? new CertificateUse(member, Read.U64(u[1]), Read.Hash(u[2])) : null;
    }

    /// <summary><c>leafOf</c>: this registry's Merkle leaf of the certificate at <paramref name="index"/> with <paramref name="documentHash"/>.</summary>
    public async Task<Hash32> LeafOfAsync(uint index, Hash32 documentHash, CancellationToken cancellationToken) =>
        Read.Hash(await _contract.CallSingleAsync(Abi.LeafOf, [Arg.Uint(index), Arg.Hash(documentHash)], cancellationToken).ConfigureAwait(false));

    /// <summary><c>verifyInclusion</c>: whether the batch is anchored, the index in range, and the proof leads to the root.</summary>
    public async Task<bool> VerifyInclusionAsync(
        Hash32 root, uint index, Hash32 documentHash, IReadOnlyList<Hash32> proof, CancellationToken cancellationToken) =>
        Read.Bool(await _contract.CallSingleAsync(Abi.VerifyInclusion,
            [Arg.Hash(root), Arg.Uint(index), Arg.Hash(documentHash), Arg.Hashes(proof)], cancellationToken).ConfigureAwait(false));

    /// <summary><c>LEAF_TAG</c>: the domain tag of this registry's leaves, keccak256("CredentialLedger.CertificateOfOrigin.v1").</summary>
    public async Task<Hash32> LeafTagAsync(CancellationToken cancellationToken) =>
        Read.Hash(await _contract.CallSingleAsync(Abi.LeafTag, [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>MEMBERS</c>: the member registry this registry trusts.</summary>
    public async Task<Address> MembersAsync(CancellationToken cancellationToken) =>
        Read.Address(await _contract.CallSingleAsync(Abi.Members, [], cancellationToken).ConfigureAwait(false));
}
