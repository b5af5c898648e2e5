using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Verification.VerificationAssert;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>
/// Wrong Merkle proofs for a genuine token: the leaf binds the document to its index (sorted-pair proofs carry no
/// positions), so only the exact proof of that index leads to the anchored root.
/// </summary>
public sealed class MerkleProofAttackTests : IDisposable
{
    private readonly LedgerScenario _s = LedgerScenario.Standard();
    private readonly AnchoredDocuments _batch;

    public MerkleProofAttackTests()
    {
        _batch = _s.Anchor(Kr, Anchoring, [.. Enumerable.Range(0, 5).Select(_ => _s.SignNew(Kr))]);
        IsRecognized(_s.Verify(_batch[2], Uz));
    }

    public void Dispose() => _s.Dispose();

    private void AssertMismatch(PresentedCredential presented)
    {
        var result = _s.Verify(presented, Uz);

        FailsWith(result, VerificationFailure.ProofMismatch);
        Assert.Null(result.Status);
        Assert.Null(result.Anchor);
    }

    [Fact]
    public void A_proof_with_a_wrong_sibling_fails()
    {
        var proof = _batch[2].Proof.ToArray();
        proof[^1] = Keccak256.HashUtf8("wrong sibling");

        AssertMismatch(_batch[2] with { Proof = proof });
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    [InlineData(4u)]
    public void The_right_proof_with_another_index_of_the_batch_fails(uint index)
    {
        AssertMismatch(_batch[2] with { Index = index });
    }

    [Theory]
    [InlineData(5u)]
    [InlineData(uint.MaxValue)]
    public void An_index_outside_the_batch_fails(uint index)
    {
        AssertMismatch(_batch[2] with { Index = index });
    }

    [Fact]
    public void An_empty_proof_fails()
    {
        AssertMismatch(_batch[2] with { Proof = [] });
    }

    [Fact]
    public void A_null_proof_fails()
    {
        AssertMismatch(_batch[2] with { Proof = null! });
    }

    [Fact]
    public void The_proof_of_another_leaf_fails()
    {
        AssertMismatch(_batch[2] with { Proof = _batch[3].Proof });
    }

    [Fact]
    public void The_proof_and_index_of_another_leaf_fail()
    {
        AssertMismatch(_batch[2] with { Index = 3, Proof = _batch[3].Proof });
    }

    [Fact]
    public void A_proof_with_an_extra_hash_fails()
    {
        AssertMismatch(_batch[2] with { Proof = [.. _batch[2].Proof, Keccak256.HashUtf8("extra")] });
    }

    [Fact]
    public void A_proof_missing_its_last_hash_fails()
    {
        AssertMismatch(_batch[2] with { Proof = [.. _batch[2].Proof.SkipLast(1)] });
    }

    [Fact]
    public void A_proof_of_the_leafs_siblings_in_reverse_order_fails()
    {
        AssertMismatch(_batch[2] with { Proof = [.. _batch[2].Proof.Reverse()] });
    }

    [Fact]
    public void The_root_itself_as_the_only_proof_element_fails()
    {
        AssertMismatch(_batch[2] with { Proof = [_batch.Root] });
    }

    [Fact]
    public void A_zero_hash_proof_fails()
    {
        AssertMismatch(_batch[2] with { Proof = [Hash32.Zero, Hash32.Zero, Hash32.Zero] });
    }
}
