using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Bundles;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Tests.Bundles;

public sealed class ProofBundleCheckTests
{
    [Fact]
    public void A_bundle_of_a_recognized_credential_holds_and_recomputes_recognized_under_the_mra()
    {
        var bundle = BundleWorld.Build();

        var check = ProofBundleVerifier.Check(bundle);

        Assert.True(check.Holds, check.ToSummary());
        Assert.Empty(check.Problems);
        Assert.True(check.Recomputed!.Recognized);
        Assert.Equal(1UL, check.Recomputed.Mra!.MraId);
        Assert.Equal(CredentialStatus.Active, check.Recomputed.Status);
        Assert.True(bundle.Recorded.Recognized);
        Assert.Equal(1UL, bundle.Recorded.MraId);
        Assert.Equal(bundle.TakenAt.Number, check.Recomputed.Freshness!.Block);
    }

    [Fact]
    public void A_bundle_of_a_suspended_credential_records_and_recomputes_every_reason()
    {
        var bundle = BundleWorld.Build(suspended: true);

        var check = ProofBundleVerifier.Check(bundle);

        Assert.True(check.Holds, check.ToSummary());
        Assert.False(check.Recomputed!.Recognized);
        Assert.Equal([VerificationFailure.Suspended], check.Recomputed.Reasons.Select(r => r.Failure));
        Assert.Equal(BundleWorld.SuspensionReason, check.Recomputed.StatusChange!.Reason);
        Assert.Equal(CredentialStatus.Suspended, bundle.Recorded.Status);
        Assert.Equal([VerificationFailure.Suspended], bundle.Recorded.Reasons.Select(r => r.Failure));
    }

    [Fact]
    public void The_same_bundle_checked_from_its_json_gives_the_same_answer()
    {
        var bundle = BundleWorld.Build(suspended: true);

        var fromObject = ProofBundleVerifier.Check(bundle);
        var fromText = ProofBundleVerifier.Check(bundle.ToJson());

        Assert.True(fromText.Holds, fromText.ToSummary());
        Assert.Equal(fromObject.Recomputed!.Reasons, fromText.Recomputed!.Reasons);
        Assert.Equal(fromObject.ToSummary(), fromText.ToSummary());
    }

    [Fact]
    public void A_verifier_without_an_mra_gets_no_mra_in_force_and_no_mra_logs_are_relevant()
    {
        // The bundle asks for UZ; asked for KR itself (its own credential), no MRA and no UZ membership are needed.
        var own = BundleWorld.Record(BundleWorld.Build() with { Verifier = BundleWorld.Kr });

        var check = ProofBundleVerifier.Check(own);

        Assert.True(check.Recomputed!.Recognized);
        Assert.Null(check.Recomputed.Mra);
        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.UnrelatedLog && p.Message.Contains("MraProposed", StringComparison.Ordinal));
        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.UnrelatedLog && p.Message.Contains("log #1 (MemberAdmitted", StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_states_the_question_the_answer_the_match_and_what_offline_cannot_show()
    {
        var check = ProofBundleVerifier.Check(BundleWorld.Build(suspended: true));

        var summary = check.ToSummary();

        Assert.Contains("Question: does UZ recognize credential", summary, StringComparison.Ordinal);
        Assert.Contains("Consistency: OK", summary, StringComparison.Ordinal);
        Assert.Contains("Recomputed: NOT RECOGNIZED", summary, StringComparison.Ordinal);
        Assert.Contains("Suspended: suspended since", summary, StringComparison.Ordinal);
        Assert.Contains("matches the recorded one", summary, StringComparison.Ordinal);
        Assert.Contains("cannot show that the logs are complete or on the canonical chain", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_recorded_answer_no_longer_matches_and_says_how()
    {
        var bundle = BundleWorld.Build(suspended: true);
        var lied = bundle with { Recorded = new RecordedVerification(true, CredentialStatus.Active, 1, []) };

        var check = ProofBundleVerifier.Check(lied);

        Assert.True(check.IsConsistent);
        Assert.False(check.MatchesRecorded);
        Assert.False(check.Holds);
        Assert.Contains("recognized: recorded yes, recomputed no", check.Differences);
        Assert.Contains("reasons: recorded [], recomputed [Suspended]", check.Differences);
        Assert.Contains("DIFFERS", check.ToSummary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reason_messages_are_not_part_of_the_match_only_the_decision()
    {
        var bundle = BundleWorld.Build(suspended: true);
        var reworded = bundle with
        {
            Recorded = bundle.Recorded with { Reasons = [.. bundle.Recorded.Reasons.Select(r => r with { Message = "worded by an older SDK" })] },
        };

        Assert.True(ProofBundleVerifier.Check(reworded).Holds);
    }
}
