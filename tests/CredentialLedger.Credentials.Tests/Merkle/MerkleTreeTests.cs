using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CsCheck;

namespace CredentialLedger.Credentials.Tests.Merkle;

public sealed class MerkleTreeTests
{
    private static Hash32 Leaf(int i) => MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, Keccak256.HashUtf8($"doc {i}"));

    private static Hash32[] Leaves(int count) => Enumerable.Range(0, count).Select(Leaf).ToArray();

    private static Hash32 Pair(Hash32 a, Hash32 b)
    {
        // Written out again here rather than calling MerkleProof.HashPair: the order is the point of the check.
        var (low, high) = string.CompareOrdinal(a.ToString(), b.ToString()) <= 0 ? (a, b) : (b, a);
        return Keccak256.Hash([.. low.ToArray(), .. high.ToArray()]);
    }

    [Fact]
    public void One_leaf_is_its_own_root_with_an_empty_proof()
    {
        var tree = MerkleTree.Build(Leaves(1));
        Assert.Equal(Leaf(0), tree.Root);
        Assert.Empty(tree.GetProof(0));
    }

    [Fact]
    public void Small_trees_have_the_documented_shape_with_the_lone_node_moved_up_unchanged()
    {
        var l = Leaves(5);
        Assert.Equal(Pair(l[0], l[1]), MerkleTree.Build(l[..2]).Root);
        Assert.Equal(Pair(Pair(l[0], l[1]), l[2]), MerkleTree.Build(l[..3]).Root);
        Assert.Equal(Pair(Pair(Pair(l[0], l[1]), Pair(l[2], l[3])), l[4]), MerkleTree.Build(l).Root);
        Assert.Equal([l[3], Pair(l[0], l[1])], MerkleTree.Build(l[..4]).GetProof(2));
        Assert.Equal([Pair(Pair(l[0], l[1]), Pair(l[2], l[3]))], MerkleTree.Build(l).GetProof(4));
    }

    [Fact]
    public void Hash_pair_is_commutative_and_differs_from_concatenation_in_the_other_order()
    {
        var (a, b) = (Leaf(1), Leaf(2));
        Assert.Equal(MerkleProof.HashPair(a, b), MerkleProof.HashPair(b, a));
        Assert.Equal(Pair(a, b), MerkleProof.HashPair(a, b));
    }

    [Fact]
    public void Every_proof_of_every_tree_up_to_300_leaves_leads_to_the_root()
    {
        Gen.Int[1, 300].Sample(count =>
        {
            var tree = MerkleTree.Build(Leaves(count));
            var depth = (int)Math.Ceiling(Math.Log2(count));
            for (var i = 0; i < count; i++)
            {
                var proof = tree.GetProof(i);
                Assert.True(proof.Count <= depth, $"proof of {i} in {count} has {proof.Count} > {depth} levels");
                Assert.True(MerkleProof.Verify(tree.Root, tree[i], proof), $"leaf {i} of {count}");
            }
        }, iter: 40);
    }

    [Fact]
    public void A_flipped_bit_in_a_proof_or_leaf_fails_verification()
    {
        Gen.Select(Gen.Int[2, 200], Gen.Int[0, 199], Gen.Int[0, 255]).Sample((count, index, bit) =>
        {
            index %= count;
            var tree = MerkleTree.Build(Leaves(count));
            var proof = tree.GetProof(index).ToArray();
            var element = index % proof.Length;
            proof[element] = Flip(proof[element], bit);
            Assert.False(MerkleProof.Verify(tree.Root, tree[index], proof));
            Assert.False(MerkleProof.Verify(tree.Root, Flip(tree[index], bit), tree.GetProof(index)));
        }, iter: 200);
    }

    [Fact]
    public void A_proof_does_not_verify_another_index_of_the_same_document()
    {
        var documents = Enumerable.Range(0, 9).Select(i => Keccak256.HashUtf8($"doc {i}")).ToArray();
        var tree = MerkleTree.Build(documents.Select((d, i) => MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, d)).ToArray());
        var proof = tree.GetProof(4);
        Assert.True(MerkleProof.Verify(tree.Root, MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, 4, documents[4]), proof));
        Assert.False(MerkleProof.Verify(tree.Root, MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, 5, documents[4]), proof));
    }

    [Fact]
    public void An_inner_node_does_not_pass_for_a_leaf()
    {
        var tree = MerkleTree.Build(Leaves(8));
        var inner = MerkleProof.HashPair(tree[0], tree[1]);
        // The inner node verifies as a node one level up, but no leaf formula produces it from a document.
        Assert.True(MerkleProof.Verify(tree.Root, inner, tree.GetProof(0).Skip(1).ToArray()));
        Assert.NotEqual(inner, MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, 0, inner));
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_error()
    {
        Assert.Contains("at least one leaf", Assert.Throws<ArgumentException>(() => MerkleTree.Build([])).Message, StringComparison.Ordinal);
        var tree = MerkleTree.Build(Leaves(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetProof(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetProof(-1));
    }

    private static Hash32 Flip(Hash32 hash, int bit)
    {
        var bytes = hash.ToArray();
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return new Hash32(bytes);
    }
}
