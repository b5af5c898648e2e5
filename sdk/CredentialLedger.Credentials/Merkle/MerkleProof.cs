using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Credentials.Merkle;

/// <summary>Checks sorted-pair Merkle proofs the way the registries' <c>verifyInclusion</c> does.</summary>
public static class MerkleProof
{
    /// <summary>The root that <paramref name="proof"/> leads to from <paramref name="leaf"/>.</summary>
    /// <param name="leaf">The leaf (see <see cref="MerkleLeaf"/>).</param>
    /// <param name="proof">Sibling hashes from the leaf's level upwards.</param>
    public static Hash32 ComputeRoot(Hash32 leaf, IReadOnlyList<Hash32> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var node = leaf;
        for (var i = 0; i < proof.Count; i++)
            node = HashPair(node, proof[i]);
        return node;
    }

    /// <summary>Whether <paramref name="proof"/> leads from <paramref name="leaf"/> to <paramref name="root"/>.</summary>
    /// <param name="root">The anchored root.</param>
    /// <param name="leaf">The leaf.</param>
    /// <param name="proof">Sibling hashes from the leaf's level upwards.</param>
    public static bool Verify(Hash32 root, Hash32 leaf, IReadOnlyList<Hash32> proof) => ComputeRoot(leaf, proof) == root;

    /// <summary>An inner node: <c>keccak256(min(a, b) || max(a, b))</c>, comparing the hashes as big-endian numbers.</summary>
    /// <param name="a">One child.</param>
    /// <param name="b">The other child.</param>
    public static Hash32 HashPair(Hash32 a, Hash32 b)
    {
        Span<byte> pair = stackalloc byte[64];
        var (low, high) = a <= b ? (a, b) : (b, a);
        low.CopyTo(pair[..32]);
        high.CopyTo(pair[32..]);
        return Keccak256.Hash(pair);
    }
}
