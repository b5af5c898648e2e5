using System.Text;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Origin;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Origin.OriginAssert;
using static CredentialLedger.Sdk.Tests.Origin.OriginWorld;

namespace CredentialLedger.Sdk.Tests.Origin;

/// <summary>Each reason a certificate of origin is not recognized, shown alone, then several at once.</summary>
public sealed class OriginReasonTests : IDisposable
{
    private readonly OriginWorld _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Malformed_bytes_anchored_as_they_are()
    {
        var origin = _w.S.AnchorDocuments(Kcci, Kr, Anchored, "<not an e-CoO/>"u8.ToArray())[0];

        var result = _w.Verify(origin);

        Assert.Contains(VerificationFailure.Malformed, result.Reasons.Select(r => r.Failure));
        Assert.All(result.Reasons, r => Assert.Equal(VerificationFailure.Malformed, r.Failure));
        Assert.False(result.Recognized);
        Assert.Null(result.Certificate);
        Assert.NotNull(result.Anchor); // the proof holds: the leaf commits to these bytes
    }

    [Fact]
    public void UnknownKey_when_the_signing_key_is_registered_nowhere()
    {
        using var stranger = new ChamberKey();
        var origin = _w.S.AnchorDocuments(Kcci, Kr, Anchored, stranger.Sign(Coo(Kcci, Kr, Issued)))[0];

        var result = _w.Verify(origin);

        FailsWith(result, VerificationFailure.UnknownKey);
        Assert.Equal(stranger.KeyId, result.KeyId);
        Assert.Null(result.Certificate);
    }

    [Fact]
    public void UnknownKey_when_signed_with_the_members_own_aeo_key_and_the_message_says_so()
    {
        var own = _w.S.RegisterChamberKey(Kr, chamber: null, Genesis + 60, validFrom: Genesis + 60);
        var origin = _w.S.AnchorDocuments(Kcci, Kr, Anchored, own.Sign(Coo(Kcci, Kr, Issued)))[0];

        var result = _w.Verify(origin);

        FailsWith(result, VerificationFailure.UnknownKey);
        Assert.Contains("own AEO signing key", result.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSignature_when_the_signed_content_was_altered()
    {
        var signed = Encoding.UTF8.GetString(_w.Sign());
        var altered = Encoding.UTF8.GetBytes(signed.Replace("Brake pads", "Brake discs", StringComparison.Ordinal));
        var origin = _w.S.AnchorDocuments(Kcci, Kr, Anchored, altered)[0];

        FailsWith(_w.Verify(origin), VerificationFailure.BadSignature);
    }

    [Fact]
    public void BadSignature_when_the_signature_is_removed()
    {
        var signed = Encoding.UTF8.GetString(_w.Sign());
        var start = signed.IndexOf("<Signature", StringComparison.Ordinal);
        var end = signed.IndexOf("</Signature>", StringComparison.Ordinal) + "</Signature>".Length;
        var origin = _w.S.AnchorDocuments(Kcci, Kr, Anchored, Encoding.UTF8.GetBytes(signed[..start] + signed[end..]))[0];

        FailsWith(_w.Verify(origin), VerificationFailure.BadSignature);
    }

    [Fact]
    public void KeyOfAnotherChamber_when_the_key_is_another_authorized_chambers()
    {
        _w.S.AuthorizeChamber(Busan, Kr, Authorized);
        var busanKey = _w.S.RegisterChamberKey(Kr, Busan, KeyFrom, validFrom: KeyFrom);
        var origin = _w.S.AnchorDocuments(Kcci, Kr, Anchored, busanKey.Sign(Coo(Kcci, Kr, Issued)))[0];

        var result = _w.Verify(origin);

        FailsWith(result, VerificationFailure.KeyOfAnotherChamber);
        Assert.Contains(Busan.ToString(), result.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyNotValidAtIssuance_when_dated_before_the_key_was_valid()
    {
        var origin = _w.IssueAndAnchor(issuedAt: KeyFrom - 1)[0];

        FailsWith(_w.Verify(origin), VerificationFailure.KeyNotValidAtIssuance);
    }

    [Fact]
    public void KeyNotValidAtIssuance_when_the_key_was_revoked_before_the_issue()
    {
        var origin = _w.IssueAndAnchor()[0];
        _w.S.RevokeKey(_w.Key.KeyId, effectiveAt: Issued, at: Anchored + 10);

        FailsWith(_w.Verify(origin), VerificationFailure.KeyNotValidAtIssuance);
    }

    [Fact]
    public void ChamberNotAuthorized_when_dated_before_the_chamber_was_authorized()
    {
        _w.S.AuthorizeChamber(Busan, Kr, Issued + 10);
        var key = _w.S.RegisterChamberKey(Kr, Busan, Issued - 100, validFrom: Issued - 100);
        var origin = _w.S.AnchorDocuments(Busan, Kr, Anchored, key.Sign(Coo(Busan, Kr, Issued)))[0];

        var result = _w.Verify(origin);

        FailsWith(result, VerificationFailure.ChamberNotAuthorized);
        Assert.Contains("authorized only at", result.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChamberNotAuthorized_when_the_chamber_was_never_authorized()
    {
        var key = _w.S.RegisterChamberKey(Kr, Busan, KeyFrom, validFrom: KeyFrom);
        var origin = _w.S.AnchorDocuments(Busan, Kr, Anchored, key.Sign(Coo(Busan, Kr, Issued)))[0];

        var result = _w.Verify(origin);

        FailsWith(result, VerificationFailure.ChamberNotAuthorized);
        Assert.Contains("never authorized", result.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChamberNotAuthorized_when_the_document_names_another_member_than_the_one_that_authorized_the_chamber()
    {
        var key = _w.S.RegisterChamberKey(Kz, Kcci, KeyFrom, validFrom: KeyFrom);
        var origin = _w.S.AnchorDocuments(Kcci, Kz, Anchored, key.Sign(Coo(Kcci, Kz, Issued)))[0];

        var result = _w.Verify(origin);

        FailsWith(result, VerificationFailure.ChamberNotAuthorized);
        Assert.Contains("authorized by KR", result.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAnchored_when_no_batch_has_the_root()
    {
        var origin = _w.IssueAndAnchor()[0] with { Root = Keccak256.HashUtf8("never anchored") };

        var result = _w.Verify(origin);

        FailsWith(result, VerificationFailure.NotAnchored);
        Assert.NotNull(result.Certificate);
        Assert.Null(result.Anchor);
    }

    [Fact]
    public void NotAnchored_when_asked_for_a_time_before_the_batch_was_anchored()
    {
        var origin = _w.IssueAndAnchor()[0];

        FailsWith(_w.Verify(origin, at: Time(Anchored - 1)), VerificationFailure.NotAnchored);
        IsRecognized(_w.Verify(origin, at: Time(Anchored)));
    }

    [Fact]
    public void AnchoredByAnotherChamber_when_another_chamber_anchored_the_batch()
    {
        _w.S.AuthorizeChamber(Busan, Kr, Authorized);
        var origin = _w.S.AnchorDocuments(Busan, Kr, Anchored, _w.Sign())[0];

        var result = _w.Verify(origin);

        FailsWith(result, VerificationFailure.AnchoredByAnotherChamber);
        Assert.Equal(Busan, result.Anchor!.Chamber);
    }

    [Fact]
    public void ProofMismatch_when_the_proof_belongs_to_another_index()
    {
        var batch = _w.IssueAndAnchor(3);

        FailsWith(_w.Verify(batch[0] with { Index = 1 }), VerificationFailure.ProofMismatch);
        FailsWith(_w.Verify(batch[0] with { Proof = batch[1].Proof }), VerificationFailure.ProofMismatch);
        FailsWith(_w.Verify(batch[0] with { Index = 3 }), VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void ProofMismatch_when_the_document_is_an_aeo_credentials_leaf()
    {
        // The same bytes anchored in the AEO registry prove nothing here: the leaves carry each registry's tag.
        var document = _w.Sign();
        var aeoRoot = _w.S.Anchor(Kr, Anchored, Encoding.ASCII.GetString(document))[0];
        _w.S.Apply(new Contracts.Events.OriginBatchAnchored(aeoRoot.Root, Kcci, Kr, 1, Anchored) { Contract = OriginRegistry, Position = _w.S.NextPosition() }, Anchored);

        FailsWith(_w.Verify(new PresentedOrigin(document, aeoRoot.Root, 0, aeoRoot.Proof)), VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void IssuedAfterAnchoring_when_dated_more_than_the_skew_after_the_anchoring()
    {
        var skew = (ulong)OriginVerifier.DefaultIssuanceSkew.TotalSeconds;
        var origin = _w.IssueAndAnchor(issuedAt: Anchored + skew + 1)[0];

        FailsWith(_w.Verify(origin), VerificationFailure.IssuedAfterAnchoring);
    }

    [Fact]
    public void IssuedAfterAnchoring_with_no_skew_allowed_one_second_is_too_late()
    {
        var strict = new OriginVerifier(_w.S.History, issuanceSkew: TimeSpan.Zero);
        var late = _w.IssueAndAnchor(issuedAt: Anchored + 1)[0];
        var onTime = _w.IssueAndAnchor(issuedAt: Anchored)[0];

        FailsWith(strict.Verify(late, Uz, At), VerificationFailure.IssuedAfterAnchoring);
        IsRecognized(strict.Verify(onTime, Uz, At));
    }

    [Fact]
    public void Revoked_at_the_time_asked()
    {
        var origin = _w.IssueAndAnchor()[0];
        _w.S.RevokeOrigin(RefOf(origin), Anchored + 10, Anchored + 10);

        FailsWith(_w.Verify(origin), VerificationFailure.Revoked);
    }

    [Fact]
    public void VerifierNotMember_when_the_verifier_is_no_member()
    {
        var origin = _w.IssueAndAnchor()[0];

        FailsWith(_w.Verify(origin, De), VerificationFailure.VerifierNotMember);
    }

    [Fact]
    public void ExporterNotRecognized_when_asked_and_the_exporter_has_no_aeo_number()
    {
        var origin = _w.S.AnchorDocuments(Kcci, Kr, Anchored, _w.Sign(exporterAeo: null))[0];

        var result = _w.Verify(origin, checkExporterAeo: true);

        FailsWith(result, VerificationFailure.ExporterNotRecognized);
        Assert.Contains("no AEO number", result.Reasons[0].Message, StringComparison.Ordinal);
        IsRecognized(_w.Verify(origin));
    }

    [Fact]
    public void ExporterNotRecognized_when_no_aeo_credential_with_that_number_is_known()
    {
        var origin = _w.IssueAndAnchor()[0];

        var result = _w.Verify(origin, checkExporterAeo: true);

        FailsWith(result, VerificationFailure.ExporterNotRecognized);
        Assert.Null(result.ExporterAeo);
    }

    [Fact]
    public void ExporterNotRecognized_when_the_exporters_aeo_credential_is_suspended()
    {
        var credential = _w.HoldAeo("KRAEO-2026-0001");
        _w.S.ChangeStatus(credential, Contracts.CredentialStatus.Suspended, Anchored, Anchored);
        var origin = _w.IssueAndAnchor()[0];

        var result = _w.Verify(origin, checkExporterAeo: true);

        FailsWith(result, VerificationFailure.ExporterNotRecognized);
        Assert.True(result.ExporterAeo!.Has(VerificationFailure.Suspended));
        Assert.Contains("Suspended", result.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExporterNotRecognized_when_the_verifier_has_no_mra_with_the_exporters_administration()
    {
        _w.HoldAeo("KRAEO-2026-0001");
        var origin = _w.IssueAndAnchor()[0];

        FailsWith(_w.Verify(origin, Kz, checkExporterAeo: true), VerificationFailure.ExporterNotRecognized);
        IsRecognized(_w.Verify(origin, Kz));
    }

    [Fact]
    public void A_recognized_exporter_is_reported_with_its_aeo_verification()
    {
        _w.HoldAeo("KRAEO-2026-0001");
        var origin = _w.IssueAndAnchor()[0];

        var result = _w.Verify(origin, checkExporterAeo: true);

        IsRecognized(result);
        Assert.True(result.ExporterAeo!.Recognized);
        Assert.Equal("KRAEO-2026-0001", result.ExporterAeo.Certificate!.Subject.AeoNumber);
        Assert.Equal(1ul, result.ExporterAeo.Mra!.MraId);
    }

    [Fact]
    public void ExporterNotRecognized_when_the_lookup_answers_for_another_number()
    {
        var other = _w.HoldAeo("KRAEO-2026-0002");
        var verifier = new OriginVerifier(_w.S.History, (_, _, v, at) => _w.S.Verifier.Verify(other, v, at));
        var origin = _w.IssueAndAnchor()[0];

        var result = verifier.Verify(origin, Uz, At, checkExporterAeo: true);

        FailsWith(result, VerificationFailure.ExporterNotRecognized);
        Assert.Contains("KRAEO-2026-0002", result.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_the_exporter_without_a_lookup_is_a_programming_error()
    {
        var origin = _w.IssueAndAnchor()[0];
        var verifier = new OriginVerifier(_w.S.History);

        var error = Assert.Throws<InvalidOperationException>(() => verifier.Verify(origin, Uz, At, checkExporterAeo: true));
        Assert.Contains("ExporterAeoLookup", error.Message, StringComparison.Ordinal);
        IsRecognized(verifier.Verify(origin, Uz, At));
    }

    [Fact]
    public void Every_failing_reason_is_reported_at_once()
    {
        // Anchored, then dated during a suspension well after the anchoring, with a key revoked from the suspension on;
        // revoked; asked by a non-member; its exporter without an AEO number.
        ulong suspended = Anchored + 100;
        var document = _w.Sign(suspended + 10, exporterAeo: null);
        var origin = _w.S.AnchorDocuments(Kcci, Kr, Anchored, document)[0];
        _w.S.SuspendChamber(Kcci, suspended);
        _w.S.RevokeKey(_w.Key.KeyId, effectiveAt: suspended, at: suspended + 20);
        _w.S.RevokeOrigin(RefOf(origin), suspended + 30, suspended + 30);

        var result = _w.Verify(origin, De, checkExporterAeo: true);

        FailsWith(result, VerificationFailure.KeyNotValidAtIssuance, VerificationFailure.ChamberNotAuthorized, VerificationFailure.IssuedAfterAnchoring,
            VerificationFailure.Revoked, VerificationFailure.VerifierNotMember, VerificationFailure.ExporterNotRecognized);
        Assert.True(result.Has(VerificationFailure.Revoked));
        Assert.False(result.Has(VerificationFailure.ProofMismatch));
        Assert.NotNull(result.Revocation);
    }

    [Fact]
    public void A_bad_signature_and_a_bad_anchoring_are_both_reported()
    {
        using var stranger = new ChamberKey();
        var origin = _w.S.AnchorDocuments(Kcci, Kr, Anchored, stranger.Sign(Coo(Kcci, Kr, Issued)))[0] with { Index = 5 };

        FailsWith(_w.Verify(origin, De), VerificationFailure.UnknownKey, VerificationFailure.ProofMismatch, VerificationFailure.VerifierNotMember);
    }
}
