using System.Buffers.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Bundles;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Tests.Bundles;

/// <summary>
/// A bundle changed after export either is refused with the fault named, or re-checks to another answer than the one
/// recorded. The one change offline checking cannot see by itself, a dropped log, still changes the answer.
/// </summary>
public sealed class ProofBundleTamperingTests
{
    private static readonly ProofBundle Recognized = BundleWorld.Build();
    private static readonly ProofBundle Suspended = BundleWorld.Build(suspended: true);

    [Fact]
    public void One_character_changed_in_the_jws_signature_fails_the_signature_and_the_proof()
    {
        var jws = Recognized.Credential.Jws;
        var position = jws.Length - 10;
        var changed = jws[..position] + (jws[position] == 'A' ? 'B' : 'A') + jws[(position + 1)..];

        var check = ProofBundleVerifier.Check(Recognized with { Credential = Recognized.Credential with { Jws = changed } });

        Assert.True(check.IsConsistent);
        Assert.False(check.MatchesRecorded);
        Assert.Equal([VerificationFailure.BadSignature, VerificationFailure.ProofMismatch], check.Recomputed!.Reasons.Select(r => r.Failure));
        Assert.Contains("recognized: recorded yes, recomputed no", check.Differences);
    }

    [Fact]
    public void One_byte_changed_in_the_proof_fails_the_proof()
    {
        var proof = Recognized.Credential.Proof.ToList();
        var bytes = proof[0].ToArray();
        bytes[31] ^= 0x01;
        proof[0] = new Hash32(bytes);

        var check = ProofBundleVerifier.Check(Recognized with { Credential = Recognized.Credential with { Proof = proof } });

        Assert.False(check.Holds);
        Assert.Equal([VerificationFailure.ProofMismatch], check.Recomputed!.Reasons.Select(r => r.Failure));
    }

    [Fact]
    public void The_status_byte_of_the_suspension_changed_to_revoked_gives_another_answer()
    {
        var at = Suspended.IndexOf("CredentialStatusChanged");
        var changed = Suspended.WithLogs(logs =>
        {
            var data = logs[at].Data.ToArray();
            data[31] = (byte)CredentialStatus.Revoked; // the status word's low byte
            logs[at] = logs[at] with { Data = data };
            return logs;
        });

        var check = ProofBundleVerifier.Check(changed);

        Assert.True(check.IsConsistent, check.ToSummary());
        Assert.Equal([VerificationFailure.Revoked], check.Recomputed!.Reasons.Select(r => r.Failure));
        Assert.Contains("status: recorded Suspended, recomputed Revoked", check.Differences);
    }

    [Fact]
    public void The_anchoring_log_changed_no_longer_matches_its_receipt()
    {
        var at = Recognized.IndexOf("BatchAnchored");
        var changed = Recognized.WithLogs(logs =>
        {
            var data = logs[at].Data.ToArray();
            data[31] = 7; // the batch size
            logs[at] = logs[at] with { Data = data };
            return logs;
        });

        var check = ProofBundleVerifier.Check(changed);

        Assert.False(check.IsConsistent);
        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.Anchor && p.Message.Contains("receipt holds no log identical", StringComparison.Ordinal));
    }

    [Fact]
    public void A_log_data_byte_that_breaks_the_abi_encoding_is_a_foreign_log()
    {
        var at = Recognized.IndexOf("KeyRegistered");
        var changed = Recognized.WithLogs(logs =>
        {
            logs[at] = logs[at] with { Data = logs[at].Data[..40] };
            return logs;
        });

        var check = ProofBundleVerifier.Check(changed);

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.ForeignLog && p.Message.StartsWith($"log #{at} ", StringComparison.Ordinal));
        Assert.Equal([VerificationFailure.UnknownKey], check.Recomputed!.Reasons.Select(r => r.Failure));
    }

    [Fact]
    public void Reordered_logs_are_refused()
    {
        var changed = Recognized.WithLogs(logs =>
        {
            (logs[2], logs[3]) = (logs[3], logs[2]);
            return logs;
        });

        var check = ProofBundleVerifier.Check(changed);

        Assert.False(check.IsConsistent);
        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.LogOrder && p.Message.Contains("comes before log #2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_repeated_log_is_refused()
    {
        var check = ProofBundleVerifier.Check(Recognized.WithLogs(logs => logs.Take(3).Concat(logs.Skip(2))));

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.LogOrder && p.Message.Contains("log #3 repeats log #2", StringComparison.Ordinal));
    }

    [Fact]
    public void Dropping_the_suspension_log_goes_unseen_offline_but_changes_the_answer()
    {
        var at = Suspended.IndexOf("CredentialStatusChanged");

        var check = ProofBundleVerifier.Check(Suspended.WithLogs(logs => logs.Where((_, i) => i != at)));

        // A missing log leaves no trace in the others: only the chain can show it (ConfirmOnChainAsync).
        Assert.True(check.IsConsistent);
        Assert.False(check.MatchesRecorded);
        Assert.True(check.Recomputed!.Recognized);
        Assert.Contains("reasons: recorded [Suspended], recomputed []", check.Differences);
    }

    [Fact]
    public void A_log_of_another_contract_is_foreign()
    {
        var stranger = Address.Parse("0x000000000000000000000000000000000000dEaD");

        var check = ProofBundleVerifier.Check(Recognized.WithLogs(logs => logs.Select((l, i) => i == 0 ? l with { Address = stranger } : l)));

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.ForeignLog && p.Message.Contains("none of the bundle's registries", StringComparison.Ordinal));
        Assert.Contains(VerificationFailure.IssuerNotMember, check.Recomputed!.Reasons.Select(r => r.Failure));
    }

    [Fact]
    public void An_event_of_one_registry_under_another_registrys_address_is_foreign()
    {
        var check = ProofBundleVerifier.Check(Recognized.WithLogs(logs =>
            logs.Select((l, i) => i == 0 ? l with { Address = BundleWorld.Registries.Credentials } : l)));

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.ForeignLog && p.Message.Contains("is not an event of the registry", StringComparison.Ordinal));
    }

    [Fact]
    public void A_log_the_verification_does_not_depend_on_is_unrelated()
    {
        // KZ's admission, slipped into the first block.
        var admission = Recognized.Logs[1];
        var kz = admission with { Topics = [admission.Topics[0], MemberTopic(BundleWorld.Kz), admission.Topics[2]], LogIndex = 2 };

        var check = ProofBundleVerifier.Check(Recognized.WithLogs(logs => logs.Take(2).Append(kz).Concat(logs.Skip(2))));

        var problem = Assert.Single(check.Problems);
        Assert.Equal(ProofBundleProblemKind.UnrelatedLog, problem.Kind);
        Assert.Contains("log #2 (MemberAdmitted", problem.Message, StringComparison.Ordinal);
        Assert.True(check.MatchesRecorded);
    }

    [Fact]
    public void A_block_time_changed_in_one_of_two_logs_of_a_block_is_a_block_mismatch()
    {
        // UZ's admission moved after t would make UZ no member at t; the other log of its block gives it away.
        var check = ProofBundleVerifier.Check(Recognized.WithLogs(logs =>
            logs.Select((l, i) => i == 1 ? l with { BlockTimestamp = BundleWorld.T0 + 200_000 } : l)));

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.BlockMismatch && p.Message.Contains("different times", StringComparison.Ordinal));
    }

    [Fact]
    public void Block_times_that_go_backwards_are_a_block_mismatch()
    {
        var check = ProofBundleVerifier.Check(Recognized.WithLogs(logs =>
            logs.Select(l => l.BlockNumber == 3 ? l with { BlockTimestamp = BundleWorld.T0 + 1 } : l)));

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.BlockMismatch && p.Message.Contains("earlier than block 2", StringComparison.Ordinal));
    }

    [Fact]
    public void The_anchoring_block_given_another_time_breaks_a_registry_rule()
    {
        var at = Recognized.IndexOf("BatchAnchored");

        var check = ProofBundleVerifier.Check(Recognized.WithLogs(logs =>
            logs.Select((l, i) => i == at ? l with { BlockTimestamp = l.BlockTimestamp + 1 } : l)));

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.ContractRule && p.Message.Contains("BatchAnchored says anchored at", StringComparison.Ordinal));
    }

    [Fact]
    public void A_log_after_the_taken_at_block_is_refused()
    {
        var check = ProofBundleVerifier.Check(Recognized with { TakenAt = Recognized.TakenAt with { Number = 3 } });

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.BlockMismatch && p.Message.Contains("after block 3 the bundle was taken at", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_anchoring_receipt_is_refused()
    {
        var check = ProofBundleVerifier.Check(Recognized with { Anchor = Recognized.Anchor! with { Succeeded = false } });

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.Anchor && p.Message.Contains("failed (receipt status 0)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_anchoring_receipt_is_refused()
    {
        var check = ProofBundleVerifier.Check(Recognized with { Anchor = null });

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.Anchor && p.Message.Contains("no anchoring receipt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_receipt_of_another_transaction_is_refused()
    {
        var check = ProofBundleVerifier.Check(Recognized with { Anchor = Recognized.Anchor! with { TransactionHash = Recognized.Logs[0].TransactionHash } });

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.Anchor && p.Message.Contains("not by the receipt's", StringComparison.Ordinal));
    }

    [Fact]
    public void A_registered_key_swapped_for_another_breaks_the_key_id_rule()
    {
        var at = Recognized.IndexOf("KeyRegistered");
        var changed = Recognized.WithLogs(logs =>
        {
            var data = logs[at].Data.ToArray();
            data[^40] ^= 0x01; // inside the 65-byte public key
            logs[at] = logs[at] with { Data = data };
            return logs;
        });

        var check = ProofBundleVerifier.Check(changed);

        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.ContractRule && p.Message.Contains("is not keccak-256 of the registered public key", StringComparison.Ordinal));
        Assert.False(check.Recomputed!.Recognized);
    }

    [Fact]
    public void A_forged_conclusion_of_a_version_that_does_not_exist_is_reported_not_thrown()
    {
        var at = Recognized.IndexOf("MraConcluded");
        var concluded = Recognized.Logs[at];
        var forged = concluded with { Topics = [concluded.Topics[0], concluded.Topics[1], UintTopic(5)] };

        var check = ProofBundleVerifier.Check(Recognized.WithLogs(logs => logs.Select((l, i) => i == at ? forged : l)));

        Assert.False(check.IsConsistent);
        Assert.Contains(check.Problems, p => p.Kind == ProofBundleProblemKind.ContractRule && p.Message.Contains("MRA 1 has no version 5", StringComparison.Ordinal));
        Assert.False(check.Holds);
    }

    [Fact]
    public void Asking_for_another_verifier_makes_the_bundle_logs_unrelated_and_the_answer_differ()
    {
        var check = ProofBundleVerifier.Check(Recognized with { Verifier = BundleWorld.Kz });

        Assert.True(check.Has(ProofBundleProblemKind.UnrelatedLog));
        Assert.Contains(VerificationFailure.VerifierNotMember, check.Recomputed!.Reasons.Select(r => r.Failure));
        Assert.False(check.MatchesRecorded);
    }

    [Fact]
    public void A_later_time_asked_changes_the_answer_not_the_consistency()
    {
        var check = ProofBundleVerifier.Check(Recognized with { At = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        Assert.True(check.IsConsistent);
        Assert.Equal([VerificationFailure.Expired], check.Recomputed!.Reasons.Select(r => r.Failure));
        Assert.False(check.MatchesRecorded);
    }

    [Fact]
    public void A_jws_header_of_invalid_utf8_is_reported_never_thrown()
    {
        var jws = Recognized.Credential.Jws;
        var header = Base64Url.EncodeToString([.. "{\"alg\":\""u8, 0xff, .. "\"}"u8]);

        var check = ProofBundleVerifier.Check(Recognized with { Credential = Recognized.Credential with { Jws = header + jws[jws.IndexOf('.', StringComparison.Ordinal)..] } });

        Assert.False(check.Holds);
        // Once an exception escaping the JWT verifier (reported as NotRecomputable); now a malformed header.
        Assert.True(check.Has(ProofBundleProblemKind.NotRecomputable) || check.Recomputed!.Has(VerificationFailure.Malformed), check.ToSummary());
    }

    private static Hash32 MemberTopic(MemberCode code)
    {
        var bytes = new byte[32];
        code.CopyTo(bytes);
        return new Hash32(bytes);
    }

    private static Hash32 UintTopic(ulong value)
    {
        var bytes = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24), value);
        return new Hash32(bytes);
    }
}
