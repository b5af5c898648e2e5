using CredentialLedger.Contracts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Origin.OriginAssert;
using static CredentialLedger.Sdk.Tests.Origin.OriginWorld;

namespace CredentialLedger.Sdk.Tests.Origin;

/// <summary>
/// Recognition of certificates of origin over the chamber's lifecycle (issue 6): a certificate issued while its chamber
/// was authorized stays recognized after a suspension, a withdrawal or its member's removal; one issued during a
/// suspension or after a withdrawal is not; one issued after a reinstatement is.
/// </summary>
public sealed class OriginRecognitionTests : IDisposable
{
    private readonly OriginWorld _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void A_genuine_anchored_certificate_is_recognized_with_its_certificate_key_chamber_and_anchor()
    {
        var origin = _w.IssueAndAnchor(3)[1];
        var freshness = new LedgerFreshness(99, Keccak256.HashUtf8("head"), Anchored + 10, Time(Anchored + 20));
        _w.S.History.MarkSynced(freshness);

        var result = _w.Verify(origin);

        IsRecognized(result);
        Assert.Equal(Kcci.ToString(), result.Certificate!.IssuingChamber);
        Assert.Equal(Time(Issued), result.Certificate.IssuedAt);
        Assert.Equal(_w.Key.KeyId, result.KeyId);
        Assert.Equal(Kcci, result.Chamber);
        var batch = _w.S.History.GetOriginBatch(origin.Root)!;
        Assert.Equal(new Sdk.Origin.OriginAnchor(RefOf(origin), Kcci, Kr, batch.Anchored.BlockNumber, batch.Anchored.TransactionHash, Time(Anchored)), result.Anchor);
        Assert.Null(result.Revocation);
        Assert.Null(result.Use);
        Assert.Null(result.ExporterAeo);
        Assert.Equal(freshness, result.Freshness);
        Assert.Equal(Uz, result.Verifier);
        Assert.Equal(At, result.At);
    }

    [Fact]
    public void Any_member_recognizes_it_without_an_mra_and_so_does_the_issuing_member()
    {
        var origin = _w.IssueAndAnchor()[0];

        IsRecognized(_w.Verify(origin, Kz));
        IsRecognized(_w.Verify(origin, Kr));
    }

    [Fact]
    public void A_certificate_issued_before_its_chamber_was_withdrawn_stays_recognized()
    {
        var origin = _w.IssueAndAnchor()[0];
        _w.S.WithdrawChamber(Kcci, Anchored + 100);

        IsRecognized(_w.Verify(origin));
        Assert.Equal(ChamberStatus.Withdrawn, _w.S.History.GetChamber(Kcci)!.Status);
    }

    [Fact]
    public void A_certificate_issued_after_its_chamber_was_withdrawn_is_not_recognized()
    {
        var withdrawn = Anchored + 100;
        _w.S.WithdrawChamber(Kcci, withdrawn);
        // The registry refuses a withdrawn chamber's anchoring; a batch anchored anyway does not make it recognized.
        var origin = _w.IssueAndAnchor(issuedAt: withdrawn + 10, anchoredAt: withdrawn + 20)[0];

        var result = _w.Verify(origin);

        FailsWith(result, VerificationFailure.ChamberNotAuthorized);
        Assert.Contains("withdrawn", result.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_dated_the_exact_second_of_the_withdrawal_is_not_recognized_and_one_a_second_earlier_is()
    {
        var withdrawn = Anchored + 100;
        var atTheSecond = _w.Sign(withdrawn);
        var aSecondEarlier = _w.Sign(withdrawn - 1);
        var batch = _w.S.AnchorDocuments(Kcci, Kr, withdrawn, atTheSecond, aSecondEarlier);
        _w.S.WithdrawChamber(Kcci, withdrawn);

        FailsWith(_w.Verify(batch[0]), VerificationFailure.ChamberNotAuthorized);
        IsRecognized(_w.Verify(batch[1]));
    }

    [Fact]
    public void Suspension_windows_issued_before_stays_valid_issued_during_is_not_issued_after_reinstatement_is()
    {
        ulong suspended = Genesis + 3_000, reinstated = Genesis + 4_000;
        var before = _w.IssueAndAnchor(issuedAt: suspended - 1, anchoredAt: suspended - 1)[0];
        _w.S.SuspendChamber(Kcci, suspended, reason: 4);
        // Signed during the suspension, anchored after the reinstatement (the registry refuses anchoring while suspended).
        var duringStart = _w.Sign(suspended);
        var duringEnd = _w.Sign(reinstated - 1);
        _w.S.ReinstateChamber(Kcci, reinstated);
        var after = _w.Sign(reinstated);
        var batch = _w.S.AnchorDocuments(Kcci, Kr, reinstated + 10, duringStart, duringEnd, after);

        IsRecognized(_w.Verify(before));
        var suspendedResult = _w.Verify(batch[0]);
        FailsWith(suspendedResult, VerificationFailure.ChamberNotAuthorized);
        Assert.Contains("suspended", suspendedResult.Reasons[0].Message, StringComparison.Ordinal);
        FailsWith(_w.Verify(batch[1]), VerificationFailure.ChamberNotAuthorized);
        IsRecognized(_w.Verify(batch[2]));
    }

    [Fact]
    public void A_certificate_issued_while_the_member_stood_stays_recognized_after_the_members_removal_and_one_issued_after_is_not()
    {
        var before = _w.IssueAndAnchor()[0];
        var removed = Anchored + 100;
        // Dated after the removal, in a batch anchored before it (a removed member's chamber cannot anchor).
        var after = _w.S.AnchorDocuments(Kcci, Kr, Anchored + 20, _w.Sign(removed))[0];
        _w.S.Remove(Kr, removed);

        IsRecognized(_w.Verify(before));
        var result = _w.Verify(after);
        FailsWith(result, VerificationFailure.ChamberNotAuthorized, VerificationFailure.IssuedAfterAnchoring);
        Assert.Contains("not a member", result.Reasons.Single(r => r.Failure == VerificationFailure.ChamberNotAuthorized).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_used_certificate_stays_recognized_and_reports_its_first_use_from_the_time_of_use()
    {
        var origin = _w.IssueAndAnchor()[0];
        var declaration = Keccak256.HashUtf8("UZ declaration 10702020/230124/0001234");
        var usedAt = Anchored + 500;
        var position = _w.S.UseOrigin(RefOf(origin), Uz, declaration, usedAt);
        _w.S.UseOrigin(RefOf(origin), Kz, Keccak256.HashUtf8("a second use"), usedAt + 1);

        var now = _w.Verify(origin);
        var beforeUse = _w.Verify(origin, at: Time(usedAt - 1));

        IsRecognized(now);
        Assert.Equal(new OriginUseRecord(RefOf(origin), Uz, declaration, usedAt, position), now.Use);
        IsRecognized(beforeUse);
        Assert.Null(beforeUse.Use);
    }

    [Fact]
    public void A_revocation_counts_from_its_effective_time_also_when_back_dated()
    {
        var origin = _w.IssueAndAnchor()[0];
        var effective = Anchored + 100;
        _w.S.RevokeOrigin(RefOf(origin), effectiveAt: effective, at: Anchored + 900, reason: 7);

        IsRecognized(_w.Verify(origin, at: Time(effective - 1)));
        var revoked = _w.Verify(origin, at: Time(effective));
        FailsWith(revoked, VerificationFailure.Revoked);
        Assert.Equal(effective, revoked.Revocation!.EffectiveAt);
        Assert.Equal((byte)7, revoked.Revocation.Reason);
    }

    [Fact]
    public void A_certificate_dated_up_to_the_skew_after_its_anchoring_is_recognized()
    {
        var skew = (ulong)Sdk.Origin.OriginVerifier.DefaultIssuanceSkew.TotalSeconds;
        var origin = _w.IssueAndAnchor(issuedAt: Anchored + skew)[0];

        IsRecognized(_w.Verify(origin));
    }

    [Fact]
    public void The_signature_check_is_remembered_but_key_validity_is_checked_every_time()
    {
        var origin = _w.IssueAndAnchor()[0];
        IsRecognized(_w.Verify(origin));
        IsRecognized(_w.Verify(origin));

        _w.S.RevokeKey(_w.Key.KeyId, effectiveAt: Issued - 1, at: Anchored + 100);

        FailsWith(_w.Verify(origin), VerificationFailure.KeyNotValidAtIssuance);
    }
}
