using System.Numerics;
using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;
using Abi = CredentialLedger.Contracts.Internal.CredentialRegistryAbi;

namespace CredentialLedger.Contracts;

/// <summary>
/// Typed client of a deployed <c>CredentialRegistry</c> (contracts/src/interfaces/ICredentialRegistry.sol): Merkle
/// roots of AEO credential batches and the status of each credential, addressed as (root, index). Writes are sent
/// by an operator of the issuing member.
/// </summary>
/// <remarks>
/// Status changes take a <c>reason</c> code (contracts/README.md) and an <c>effectiveAt</c> time in unix seconds:
/// 0 means the block time, and a time in the future is refused. Failures are reported as for
/// <see cref="MemberRegistryClient"/>. Thread-safe.
/// </remarks>
public sealed class CredentialRegistryClient
{
    private readonly ContractConnection _contract;

    /// <summary>Creates a client of the credential registry at <paramref name="address"/>.</summary>
    /// <param name="address">The registry's address.</param>
    /// <param name="client">Reads (<c>eth_call</c>).</param>
    /// <param name="sender">Sends writes from its account; null for a read-only client.</param>
    public CredentialRegistryClient(Address address, EthClient client, TransactionSender? sender = null)
        : this(new ContractConnection("CredentialRegistry", address, client, sender, BlockParameter.Latest))
    {
    }

    private CredentialRegistryClient(ContractConnection contract) => _contract = contract;

    /// <summary>The registry's address.</summary>
    public Address Address => _contract.Address;

    /// <summary>The block reads are made at.</summary>
    public BlockParameter Block => _contract.Block;

    /// <summary>A client that reads the state at <paramref name="block"/> (writes are unaffected).</summary>
    public CredentialRegistryClient AtBlock(BlockParameter block) => new(_contract.AtBlock(block));

    // ---------------------------------------------------------------- writes

    /// <summary><c>anchor</c>: anchors the Merkle root of a batch of <paramref name="size"/> credentials for the sender's member.</summary>
    public Task<TransactionReceipt> AnchorAsync(Hash32 root, uint size, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Anchor, [Arg.Hash(root), Arg.Uint(size)], cancellationToken);

    /// <summary><c>suspend</c>: Active to Suspended.</summary>
    public Task<TransactionReceipt> SuspendAsync(Hash32 root, uint index, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        ChangeAsync(Abi.Suspend, root, index, reason, effectiveAt, cancellationToken);

    /// <summary><c>reinstate</c>: Suspended to Active.</summary>
    public Task<TransactionReceipt> ReinstateAsync(Hash32 root, uint index, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        ChangeAsync(Abi.Reinstate, root, index, reason, effectiveAt, cancellationToken);

    /// <summary><c>revoke</c>: Active or Suspended to Revoked, for good.</summary>
    public Task<TransactionReceipt> RevokeAsync(Hash32 root, uint index, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        ChangeAsync(Abi.Revoke, root, index, reason, effectiveAt, cancellationToken);

    /// <summary>
    /// <c>supersede</c>: renewal; the Active credential (root, index) becomes Superseded by the Active credential
    /// (newRoot, newIndex) of the same issuer.
    /// </summary>
    public Task<TransactionReceipt> SupersedeAsync(
        Hash32 root, uint index, Hash32 newRoot, uint newIndex, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.Supersede,
            [Arg.Hash(root), Arg.Uint(index), Arg.Hash(newRoot), Arg.Uint(newIndex), Arg.Uint(reason), Arg.Uint(effectiveAt)],
            cancellationToken);

    /// <summary><c>suspendMany</c>: suspends many credentials of one batch (sorted indices cost least).</summary>
    public Task<TransactionReceipt> SuspendManyAsync(
        Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        ChangeManyAsync(Abi.SuspendMany, root, indices, reason, effectiveAt, cancellationToken);

    /// <summary><c>reinstateMany</c>: reinstates many credentials of one batch.</summary>
    public Task<TransactionReceipt> ReinstateManyAsync(
        Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        ChangeManyAsync(Abi.ReinstateMany, root, indices, reason, effectiveAt, cancellationToken);

    /// <summary><c>revokeMany</c>: revokes many credentials of one batch.</summary>
    public Task<TransactionReceipt> RevokeManyAsync(
        Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        ChangeManyAsync(Abi.RevokeMany, root, indices, reason, effectiveAt, cancellationToken);

    /// <summary><c>supersedeMany</c>: <paramref name="indices"/>[i] is Superseded by (newRoot, <paramref name="newIndices"/>[i]).</summary>
    public Task<TransactionReceipt> SupersedeManyAsync(
        Hash32 root, IReadOnlyList<uint> indices, Hash32 newRoot, IReadOnlyList<uint> newIndices, byte reason, ulong effectiveAt,
        CancellationToken cancellationToken) =>
        _contract.SendAsync(Abi.SupersedeMany,
            [Arg.Hash(root), Arg.Uint32s(indices), Arg.Hash(newRoot), Arg.Uint32s(newIndices), Arg.Uint(reason), Arg.Uint(effectiveAt)],
            cancellationToken);

    // ---------------------------------------------------------------- reads

    /// <summary><c>getBatch</c>: an anchored batch, or null when the root is not anchored.</summary>
    public async Task<CredentialBatch?> GetBatchAsync(Hash32 root, CancellationToken cancellationToken)
    {
        var b = (await _contract.CallSingleAsync(Abi.GetBatch, [Arg.Hash(root)], cancellationToken).ConfigureAwait(false)).Items;
        return Read.OptionalCode(b[0]) is { } issuer ? new CredentialBatch(root, issuer, Read.U32(b[1]), Read.U64(b[2])) : null;
    }

    /// <summary>
    /// <c>statusOf</c>: a credential's current status; reverts (<c>CredentialRegistryUnknownBatch</c>,
    /// <c>CredentialRegistryIndexOutOfRange</c>) for unknown roots and indices.
    /// </summary>
    public async Task<CredentialStatus> StatusOfAsync(Hash32 root, uint index, CancellationToken cancellationToken) =>
        Read.Enum<CredentialStatus>(await _contract.CallSingleAsync(Abi.StatusOf, [Arg.Hash(root), Arg.Uint(index)], cancellationToken)
            .ConfigureAwait(false));

    /// <summary>
    /// <c>statusWord</c>: the packed 2-bit statuses of indices 128·w to 128·w + 127 (index i at bits 2·(i mod 128)),
    /// for bulk synchronisation. <see cref="StatusInWord"/> reads one out.
    /// </summary>
    public async Task<BigInteger> StatusWordAsync(Hash32 root, ulong wordIndex, CancellationToken cancellationToken) =>
        (await _contract.CallSingleAsync(Abi.StatusWord, [Arg.Hash(root), Arg.Uint(wordIndex)], cancellationToken).ConfigureAwait(false))
            .AsBigInteger();

    /// <summary>The status of credential <paramref name="index"/> inside the status word that holds it (word index/128).</summary>
    public static CredentialStatus StatusInWord(BigInteger word, uint index) =>
        (CredentialStatus)(int)((word >> (int)((index & 127) << 1)) & 3);

    /// <summary><c>leafOf</c>: this registry's Merkle leaf of the credential at <paramref name="index"/> with <paramref name="documentHash"/>.</summary>
    public async Task<Hash32> LeafOfAsync(uint index, Hash32 documentHash, CancellationToken cancellationToken) =>
        Read.Hash(await _contract.CallSingleAsync(Abi.LeafOf, [Arg.Uint(index), Arg.Hash(documentHash)], cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// <c>verifyInclusion</c>: whether the batch is anchored, the index in range, and the proof (sibling hashes from
    /// the leaf upwards) leads from the credential's leaf to the root.
    /// </summary>
    public async Task<bool> VerifyInclusionAsync(
        Hash32 root, uint index, Hash32 documentHash, IReadOnlyList<Hash32> proof, CancellationToken cancellationToken) =>
        Read.Bool(await _contract.CallSingleAsync(Abi.VerifyInclusion,
            [Arg.Hash(root), Arg.Uint(index), Arg.Hash(documentHash), Arg.Hashes(proof)], cancellationToken).ConfigureAwait(false));

    /// <summary><c>LEAF_TAG</c>: the domain tag of this registry's leaves, keccak256("CredentialLedger.AeoCredential.v1").</summary>
    public async Task<Hash32> LeafTagAsync(CancellationToken cancellationToken) =>
        Read.Hash(await _contract.CallSingleAsync(Abi.LeafTag, [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>MEMBERS</c>: the member registry this registry trusts.</summary>
    public async Task<Address> MembersAsync(CancellationToken cancellationToken) =>
        Read.Address(await _contract.CallSingleAsync(Abi.Members, [], cancellationToken).ConfigureAwait(false));

    private Task<TransactionReceipt> ChangeAsync(
        Evm.Abi.FunctionSignature function, Hash32 root, uint index, byte reason, ulong effectiveAt, CancellationToken cancellationToken) =>
        _contract.SendAsync(function, [Arg.Hash(root), Arg.Uint(index), Arg.Uint(reason), Arg.Uint(effectiveAt)], cancellationToken);

    private Task<TransactionReceipt> ChangeManyAsync(
        Evm.Abi.FunctionSignature function, Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt,
        CancellationToken cancellationToken) =>
        _contract.SendAsync(function, [Arg.Hash(root), Arg.Uint32s(indices), Arg.Uint(reason), Arg.Uint(effectiveAt)], cancellationToken);
}
