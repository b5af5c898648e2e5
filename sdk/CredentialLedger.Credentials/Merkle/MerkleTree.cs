using CredentialLedger.Evm;

namespace CredentialLedger.Credentials.Merkle;

/// <summary>
/// A Merkle tree over a batch's leaves, with sorted-pair inner nodes; a lone node at the end of a level moves up
/// unchanged (it is never paired with itself, so no two different leaf lists share a root by duplication).
/// </summary>
public sealed class MerkleTree
{
    private readonly Hash32[][] _levels;

    private MerkleTree(Hash32[][] levels) => _levels = levels;

    /// <summary>The root the registries anchor.</summary>
    public Hash32 Root => _levels[^1][0];

    /// <summary>The number of leaves.</summary>
    public int Count => _levels[0].Length;

    /// <summary>The leaf at <paramref name="index"/>.</summary>
    /// <param name="index">0 .. Count-1.</param>
    public Hash32 this[int index] => _levels[0][index];

    /// <summary>Builds the tree of <paramref name="leaves"/>, in batch order.</summary>
    /// <param name="leaves">One leaf per document (see <see cref="MerkleLeaf.Compute"/>); at least one.</param>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    public static MerkleTree Build(IReadOnlyList<Hash32> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count == 0)
            throw new ArgumentException("A Merkle batch needs at least one leaf.", nameof(leaves));
        var levels = new List<Hash32[]> { leaves.ToArray() };
        while (levels[^1].Length > 1)
        {
            var level = levels[^1];
            var next = new Hash32[(level.Length + 1) / 2];
            for (var i = 0; i < next.Length; i++)
            {
                var left = 2 * i;
                next[i] = left + 1 < level.Length ? MerkleProof.HashPair(level[left], level[left + 1]) : level[left];
            }
            levels.Add(next);
        }
        return new MerkleTree([.. levels]);
    }

    /// <summary>The sibling hashes that lead from leaf <paramref name="index"/> to the root.</summary>
    /// <param name="index">0 .. Count-1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index lies outside the tree.</exception>
    public IReadOnlyList<Hash32> GetProof(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var proof = new List<Hash32>(_levels.Length);
        for (var depth = 0; depth < _levels.Length - 1; depth++)
        {
            var sibling = index ^ 1;
            if (sibling < _levels[depth].Length)
                proof.Add(_levels[depth][sibling]);
            index >>= 1;
        }
        return proof;
    }
}
