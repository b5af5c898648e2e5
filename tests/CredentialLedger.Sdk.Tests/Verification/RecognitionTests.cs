using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Verification.VerificationAssert;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>Credentials that are recognized, and everything the answer says about them.</summary>
public sealed class RecognitionTests : IDisposable
{
    private readonly LedgerScenario _s = LedgerScenario.Standard();

    public void Dispose() => _s.Dispose();

    [Fact]
    public void A_genuine_anchored_active_credential_under_an_mra_in_force_is_recognized_with_coverage_anchor_and_status()
    {
        var certificate = Certificate("KR");
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr), Sign(_s.KeyOf(Kr), certificate), _s.SignNew(Kr));

        var result = _s.Verify(batch[1], Uz);

        IsRecognized(result);
        Assert.Equal(Uz, result.Verifier);
        Assert.Equal(At, result.At);
        Assert.Equal(certificate, result.Certificate);
        Assert.Equal(_s.KeyOf(Kr).KeyId, result.KeyId);
        Assert.Equal(CredentialStatus.Active, result.Status);
        Assert.Null(result.StatusChange);
        Assert.NotNull(result.Mra);
        Assert.Equal(1UL, result.Mra.MraId);
        Assert.Equal(1u, result.Mra.Version);
        Assert.Equal(StandardBenefits, result.Mra.Benefits);
        Assert.Equal([AeoProgramme.AeoS, AeoProgramme.AeoC], result.Mra.Programmes);
        Assert.Equal([Kr, Uz], result.Mra.Parties);
        Assert.Equal(new AnchorInfo(new CredentialRef(batch.Root, 1), batch.Position.BlockNumber, batch.Position.TransactionHash, Time(Anchoring)),
            result.Anchor);
        Assert.Null(result.Freshness);
    }

    [Fact]
    public void Every_credential_of_a_batch_is_recognized_at_its_own_index()
    {
        var batch = _s.Anchor(Kr, Anchoring, [.. Enumerable.Range(0, 7).Select(_ => _s.SignNew(Kr))]);

        Assert.All(batch.Credentials, c => IsRecognized(_s.Verify(c, Uz)));
    }

    [Fact]
    public void A_single_credential_batch_has_an_empty_proof_and_is_recognized()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));

        Assert.Empty(batch[0].Proof);
        IsRecognized(_s.Verify(batch[0], Uz));
    }

    [Fact]
    public void The_answer_carries_the_freshness_of_the_ledger_it_was_computed_from()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        var freshness = new LedgerFreshness(12, TransactionOf(12), Anchoring, At.AddDays(-1));
        _s.History.MarkSynced(freshness);

        Assert.Same(freshness, _s.Verify(batch[0], Uz).Freshness);
    }

    [Fact]
    public void A_members_own_credential_is_recognized_without_any_mra()
    {
        var batch = _s.Anchor(Kz, Anchoring, _s.SignNew(Kz));

        var result = _s.Verify(batch[0], Kz);

        IsRecognized(result);
        Assert.Null(result.Mra);
        Assert.Empty(_s.History.MrasOf(Kz));
    }

    [Fact]
    public void A_credential_with_two_programmes_under_an_mra_covering_one_is_recognized_for_that_one()
    {
        _s.ProposeMra(2, Kr, [Kr, Kz], AeoSOnly, 0b1000_0001, Anchoring);
        _s.ConcludeMra(2, 1, Anchoring);
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr, AeoProgramme.AeoS, AeoProgramme.AeoC));

        var result = _s.Verify(batch[0], Kz);

        IsRecognized(result);
        Assert.Equal(2UL, result.Mra?.MraId);
        Assert.Equal([AeoProgramme.AeoS], result.Mra?.Programmes);
        Assert.Equal(0b1000_0001u, result.Mra?.Benefits);
    }

    [Fact]
    public void An_mra_that_covers_the_programme_is_found_behind_one_in_force_that_does_not()
    {
        _s.ProposeMra(2, Kr, [Kr, Kz], AeoSOnly, 0b1, Anchoring);
        _s.ConcludeMra(2, 1, Anchoring);
        _s.ProposeMra(3, Kz, [Kr, Kz], AeoCOnly, 0b10, Anchoring);
        _s.ConcludeMra(3, 1, Anchoring);
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr, AeoProgramme.AeoC));

        var result = _s.Verify(batch[0], Kz);

        IsRecognized(result);
        Assert.Equal(3UL, result.Mra?.MraId);
        Assert.Equal([AeoProgramme.AeoC], result.Mra?.Programmes);
    }

    [Fact]
    public void The_coverage_reports_the_terms_of_the_version_concluded_at_the_time_asked()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        var concludedV2 = Unix(At) - 1_000;
        _s.AmendMra(1, 2, Uz, AeoSAndC, 0b1111_1111, concludedV2 - 500);
        _s.ConcludeMra(1, 2, concludedV2);

        var before = _s.Verify(batch[0], Uz, Time(concludedV2 - 1));
        var after = _s.Verify(batch[0], Uz, Time(concludedV2));

        IsRecognized(before);
        Assert.Equal((1u, StandardBenefits), (before.Mra!.Version, before.Mra.Benefits));
        IsRecognized(after);
        Assert.Equal((2u, 0b1111_1111u), (after.Mra!.Version, after.Mra.Benefits));
    }

    [Fact]
    public void A_reinstated_credential_is_recognized_again()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        _s.ChangeStatus(batch[0], CredentialStatus.Suspended, Unix(At) - 2_000, Unix(At) - 2_000, reason: 6);
        _s.ChangeStatus(batch[0], CredentialStatus.Active, Unix(At) - 1_000, Unix(At) - 1_000, reason: 0);

        var result = _s.Verify(batch[0], Uz);

        IsRecognized(result);
        Assert.Equal(CredentialStatus.Active, result.Status);
        Assert.Equal(Unix(At) - 1_000, result.StatusChange?.EffectiveAt);
    }

    [Fact]
    public void A_credential_anchored_after_a_first_verification_is_recognized_once_its_batch_is_applied()
    {
        var jws = _s.SignNew(Kr);
        using var other = new LedgerScenario();
        var presented = other.Anchor(Kr, Anchoring, jws)[0];

        FailsWith(_s.Verify(presented, Uz), VerificationFailure.NotAnchored);

        _s.Anchor(Kr, Anchoring + 1, jws);

        IsRecognized(_s.Verify(presented, Uz));
    }

    [Fact]
    public void A_time_with_a_fraction_of_a_second_is_answered_for_its_whole_second()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        _s.ChangeStatus(batch[0], CredentialStatus.Suspended, Unix(At), Unix(At));

        var justBefore = _s.Verify(batch[0], Uz, At.AddMilliseconds(-1));
        var justAfter = _s.Verify(batch[0], Uz, At.AddMilliseconds(999));

        IsRecognized(justBefore);
        FailsWith(justAfter, VerificationFailure.Suspended);
    }

    [Fact]
    public void A_verifier_needs_a_ledger_and_a_status_reference()
    {
        Assert.Throws<ArgumentNullException>(() => new AeoVerifier(null!, LedgerScenario.Ledger));
        Assert.Throws<ArgumentNullException>(() => new AeoVerifier(new LedgerHistory(), null!));
    }

    [Fact]
    public void Verifying_does_not_change_the_ledger()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        var count = _s.History.EventCount;
        var last = _s.History.LastApplied;

        _s.Verify(batch[0], Uz);
        _s.Verify(batch[0] with { Jws = "garbage" }, De);

        Assert.Equal(count, _s.History.EventCount);
        Assert.Equal(last, _s.History.LastApplied);
        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(RefOf(batch[0]), Unix(At)).Status);
    }
}
