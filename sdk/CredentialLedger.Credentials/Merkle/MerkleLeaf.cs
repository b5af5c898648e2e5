using System.Buffers.Binary;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Credentials.Merkle;

/// <summary>
/// Leaves of the Merkle batches the registries anchor:
/// <c>leaf = keccak256(keccak256(abi.encode(tag, uint256 index, bytes32 documentHash)))</c>
/// (contracts/src/libraries/MerkleBatch.sol, contracts/README.md).
/// </summary>
/// <remarks>
/// The double hash keeps a 64-byte inner node from passing for a leaf (a second-preimage attack on the tree); the tag
/// keeps a leaf of one registry from passing in another; the index binds each document to its status slot, because
/// sorted-pair proofs carry no positions.
/// </remarks>
public static class MerkleLeaf
{
    /// <summary>The CredentialRegistry's tag: keccak256("CredentialLedger.AeoCredential.v1").</summary>
    public static Hash32 AeoCredentialTag { get; } = Keccak256.HashUtf8("CredentialLedger.AeoCredential.v1");

    /// <summary>The OriginRegistry's tag: keccak256("CredentialLedger.CertificateOfOrigin.v1").</summary>
    public static Hash32 CertificateOfOriginTag { get; } = Keccak256.HashUtf8("CredentialLedger.CertificateOfOrigin.v1");

    /// <summary>The leaf of the document at <paramref name="index"/> of a batch.</summary>
    /// <param name="tag">The registry's domain tag.</param>
    /// <param name="index">The document's index in its batch.</param>
    /// <param name="documentHash">The document's hash.</param>
    public static Hash32 Compute(Hash32 tag, uint index, Hash32 documentHash)
    {
        Span<byte> encoded = stackalloc byte[3 * 32];
        encoded.Clear();
        tag.CopyTo(encoded[..32]);
        BinaryPrimitives.WriteUInt32BigEndian(encoded.Slice(60, 4), index);
        documentHash.CopyTo(encoded[64..]);
        Span<byte> inner = stackalloc byte[32];
        Keccak256.Hash(encoded, inner);
        return Keccak256.Hash(inner);
    }
}
