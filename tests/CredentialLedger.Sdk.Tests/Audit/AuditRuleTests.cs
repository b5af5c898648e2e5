using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Audit;
using static CredentialLedger.Sdk.Tests.Audit.ForgedChain;

namespace CredentialLedger.Sdk.Tests.Audit;

/// <summary>
/// Each rule fires on a forged history that breaks it, and only it: the registries never emit such logs, so the audit
/// must catch them from the events alone.
/// </summary>
public sealed class AuditRuleTests
{
    private static void AssertOnly(ForgedChain chain, string rule, int count = 1)
    {
        chain.State.Complete();
        var violations = chain.State.Violations;
        Assert.True(violations.Count == count && violations.All(v => v.Rule == rule),
            $"expected {count} × {rule}, got: {string.Join(" | ", violations.Select(v => $"{v.Rule}: {v.Message}"))}");
    }

    private static AuditViolation Single(ForgedChain chain, string rule)
    {
        AssertOnly(chain, rule);
        return chain.State.Violations[0];
    }

    [Fact]
    public void The_legal_history_breaks_no_rule()
    {
        using var chain = Legal();
        chain.Tx(KrOp, Status(KrBatch, 0, CredentialStatus.Suspended, chain.Now + 12));
        chain.Tx(KrOp, Status(KrBatch, 0, CredentialStatus.Active, chain.Now + 12));
        chain.Tx(KrOp, Statuses(KrBatch, CredentialStatus.Revoked, chain.Now + 12, 0, 1));
        var renewed = Root("renewed");
        chain.Tx(KrOp, Anchored(renewed, KR, 1, chain.Now + 12));
        chain.Tx(KrOp, Superseded(KrBatch, 2, renewed, 0, chain.Now + 12));
        chain.Tx(ChamberAccount, CertificateRevoked(KrOrigins, 1, chain.Now + 12));
        chain.Tx(UzOp, CertificateUsed(KrOrigins, 0, UZ));
        chain.Tx(UzOp, MraSuspended(1, UZ));
        chain.Tx(KrOp, MraResumed(1, KR));
        chain.Tx(UzOp, MraAmended(1, 2, UZ, 0b01), MraAccepted(1, 2, UZ));
        chain.Tx(KrOp, MraAccepted(1, 2, KR), MraConcluded(1, 2));
        chain.Tx(KrOp, ChamberSuspended(Chamber));
        chain.Tx(KrOp, ChamberReinstated(Chamber));
        chain.Tx(KrOp, KeyRevoked(chain.KrKey.KeyId, chain.Now));
        chain.State.Complete();
        Assert.Empty(chain.State.Violations);
    }

    [Fact]
    public void Admission_and_removal_by_executed_proposals_with_a_majority_break_no_rule()
    {
        using var chain = Legal();
        var expires = chain.Now + 7 * 86_400;
        chain.Tx(KrOp, Proposal(1, ProposalKind.Admit, DE, KR, DeOp, expires), Vote(1, KR));
        chain.Tx(UzOp, Vote(1, UZ));
        // Anyone may execute a proposal that has its majority.
        chain.Tx(Stranger, Admitted(DE, 1, 1), OperatorAdded(DE, DeOp), Executed(1));
        chain.Tx(DeOp, OperatorAdded(DE, Account(6)));
        chain.Tx(UzOp, Proposal(2, ProposalKind.Remove, DE, UZ, null, chain.Now + 1000), Vote(2, UZ));
        chain.Tx(KzOp, Vote(2, KZ));
        chain.Tx(KrOp, Vote(2, KR));
        chain.Tx(Stranger, OperatorRemoved(DE, DeOp), OperatorRemoved(DE, Account(6)), Removed(DE, 2), Executed(2));
        chain.State.Complete();
        Assert.Empty(chain.State.Violations);
        Assert.False(chain.State.IsMemberAt(DE, chain.Now));
        Assert.True(chain.State.IsMemberAt(DE, chain.Now - 12));
    }

    [Theory]
    [InlineData(CredentialStatus.Active, CredentialStatus.Active)]       // reinstating an Active credential
    [InlineData(CredentialStatus.Revoked, CredentialStatus.Suspended)]   // nothing after a terminal status
    [InlineData(CredentialStatus.Revoked, CredentialStatus.Active)]
    [InlineData(CredentialStatus.Suspended, CredentialStatus.Suspended)]
    public void An_illegal_transition_is_a_credential_transition_violation(CredentialStatus first, CredentialStatus second)
    {
        using var chain = Legal();
        if (first != CredentialStatus.Active)
            chain.Tx(KrOp, Status(KrBatch, 1, first, chain.Now + 12));
        var at = chain.Tx(KrOp, Status(KrBatch, 1, second, chain.Now + 12))[0];
        var v = Single(chain, AuditRules.CredentialTransition);
        Assert.Equal((at.BlockNumber, at.TransactionHash, 0u), (v.Block, v.Transaction, v.LogIndex));
    }

    [Fact]
    public void Superseding_a_suspended_credential_or_changing_a_superseded_one_is_illegal()
    {
        using var chain = Legal();
        var renewed = Root("renewed");
        chain.Tx(KrOp, Anchored(renewed, KR, 2, chain.Now + 12));
        chain.Tx(KrOp, Status(KrBatch, 0, CredentialStatus.Suspended, chain.Now + 12));
        chain.Tx(KrOp, Superseded(KrBatch, 0, renewed, 0, chain.Now + 12));
        chain.Tx(KrOp, Superseded(KrBatch, 1, renewed, 1, chain.Now + 12));
        chain.Tx(KrOp, Statuses(KrBatch, CredentialStatus.Revoked, chain.Now + 12, 1, 3));
        AssertOnly(chain, AuditRules.CredentialTransition, 2);
    }

    [Fact]
    public void A_change_in_a_batch_never_anchored_is_caught() =>
        RuleFor(c => c.Tx(KrOp, Status(Root("nowhere"), 0, CredentialStatus.Revoked, c.Now + 12)), AuditRules.CredentialUnanchored);

    [Fact]
    public void A_change_outside_the_batch_is_caught() =>
        RuleFor(c => c.Tx(KrOp, Statuses(KrBatch, CredentialStatus.Suspended, c.Now + 12, 1, 4)), AuditRules.CredentialIndex);

    [Fact]
    public void A_change_by_another_members_operator_is_caught()
    {
        using var chain = Legal();
        chain.Tx(UzOp, Status(KrBatch, 0, CredentialStatus.Revoked, chain.Now + 12));
        var v = Single(chain, AuditRules.CredentialActor);
        Assert.Contains(UzOp.ToChecksumString(), v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_by_a_removed_operator_is_caught()
    {
        using var chain = Legal();
        chain.Tx(KrOp, OperatorAdded(KR, Account(7)));
        chain.Tx(Account(7), OperatorRemoved(KR, KrOp));
        chain.Tx(KrOp, Status(KrBatch, 0, CredentialStatus.Suspended, chain.Now + 12));
        AssertOnly(chain, AuditRules.CredentialActor);
    }

    [Fact]
    public void A_change_effective_after_its_block_is_caught() =>
        RuleFor(c => c.Tx(KrOp, Status(KrBatch, 0, CredentialStatus.Suspended, c.Now + 13)), AuditRules.CredentialEffectiveTime);

    [Fact]
    public void A_renewal_into_a_credential_of_another_issuer_is_caught()
    {
        using var chain = Legal();
        var uzBatch = Root("UZ batch");
        chain.Tx(UzOp, Anchored(uzBatch, UZ, 1, chain.Now + 12));
        chain.Tx(KrOp, Superseded(KrBatch, 0, uzBatch, 0, chain.Now + 12));
        AssertOnly(chain, AuditRules.CredentialReplacement);
    }

    [Fact]
    public void A_root_anchored_twice_is_caught_within_and_across_registries()
    {
        using var chain = Legal();
        chain.Tx(UzOp, Anchored(KrBatch, UZ, 9, chain.Now + 12));
        chain.Tx(ChamberAccount, OriginAnchored(KrBatch, Chamber, KR, 1, chain.Now + 12));
        chain.Tx(KrOp, Anchored(KrOrigins, KR, 1, chain.Now + 12));
        AssertOnly(chain, AuditRules.RootOnce, 3);
        // The first anchoring stands.
        Assert.Equal(KR, chain.State.CredentialBatch(KrBatch)!.Issuer);
    }

    [Fact]
    public void A_batch_anchored_by_a_non_operator_or_with_a_false_time_is_caught()
    {
        RuleFor(c => c.Tx(Stranger, Anchored(Root("x"), KR, 1, c.Now + 12)), AuditRules.BatchActor);
        RuleFor(c => c.Tx(KrOp, Anchored(Root("x"), KR, 1, c.Now + 5)), AuditRules.BatchInvalid);
    }

    [Fact]
    public void A_founder_admitted_after_deployment_or_a_member_admitted_without_a_proposal_is_caught()
    {
        RuleFor(c => c.Tx(KrOp, Admitted(DE), OperatorAdded(DE, DeOp)), AuditRules.MemberAdmission);
        RuleFor(c => c.Tx(Stranger, Admitted(DE, 1, 7), OperatorAdded(DE, DeOp)), AuditRules.MemberAdmission);
    }

    [Fact]
    public void An_admission_without_a_majority_is_caught()
    {
        using var chain = Legal();
        chain.Tx(KrOp, Proposal(1, ProposalKind.Admit, DE, KR, DeOp, chain.Now + 1000), Vote(1, KR));
        chain.Tx(Stranger, Admitted(DE, 1, 1), OperatorAdded(DE, DeOp), Executed(1));
        var v = Single(chain, AuditRules.ProposalMajority);
        Assert.Contains("1 valid vote(s) of 3 active members; 2 needed", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_execution_after_expiry_is_caught()
    {
        using var chain = Legal();
        chain.Tx(KrOp, Proposal(1, ProposalKind.Admit, DE, KR, DeOp, chain.Now + 100), Vote(1, KR));
        chain.Tx(UzOp, Vote(1, UZ));
        chain.Tx(Stranger, chain.Now + 100, Admitted(DE, 1, 1), OperatorAdded(DE, DeOp), Executed(1));
        AssertOnly(chain, AuditRules.ProposalMajority);
    }

    [Fact]
    public void A_removal_without_a_proposal_and_operators_removed_by_a_stranger_are_caught()
    {
        using var chain = Legal();
        chain.Tx(Stranger, OperatorRemoved(KZ, KzOp), Removed(KZ, 0));
        chain.State.Complete();
        Assert.Equal([AuditRules.MemberRemoval], chain.State.Violations.Select(v => v.Rule).Distinct());
        using var other = Legal();
        other.Tx(Stranger, OperatorRemoved(KZ, KzOp));
        AssertOnly(other, AuditRules.OperatorActor);
    }

    [Fact]
    public void Votes_and_proposals_by_non_operators_are_caught()
    {
        RuleFor(c => c.Tx(UzOp, Proposal(1, ProposalKind.Admit, DE, KR, DeOp, c.Now + 1000), Vote(1, KR)), AuditRules.ProposalActor, 2);
        using var chain = Legal();
        chain.Tx(KrOp, Proposal(1, ProposalKind.Admit, DE, KR, DeOp, chain.Now + 1000), Vote(1, KR));
        chain.Tx(KrOp, Vote(1, KR));
        chain.State.Complete();
        Assert.Equal([AuditRules.ProposalRule], chain.State.Violations.Select(v => v.Rule));
    }

    [Fact]
    public void An_operator_added_by_a_stranger_or_an_account_in_use_is_caught()
    {
        RuleFor(c => c.Tx(Stranger, OperatorAdded(KR, Account(7))), AuditRules.OperatorActor);
        RuleFor(c => c.Tx(KrOp, OperatorAdded(KR, UzOp)), AuditRules.OperatorAccount);
    }

    [Fact]
    public void Keys_registered_or_revoked_by_others_or_inconsistent_are_caught()
    {
        using var chain = Legal();
        var key = chain.NewKey();
        chain.Tx(UzOp, Key(key, KR, chain.Now + 12));
        chain.Tx(UzOp, KeyRevoked(chain.KrKey.KeyId, chain.Now));
        AssertOnly(chain, AuditRules.KeyActor, 2);

        using var rules = Legal();
        var early = rules.NewKey();
        rules.Tx(KrOp, Key(early, KR, rules.Now));                      // valid from before its block
        rules.Tx(KrOp, Key(rules.KrKey, KR, rules.Now + 12));           // registered twice
        rules.Tx(KrOp, KeyRevoked(rules.KrKey.KeyId, rules.Now));
        rules.Tx(KrOp, KeyRevoked(rules.KrKey.KeyId, rules.Now));       // a revocation may only move earlier
        AssertOnly(rules, AuditRules.KeyRule, 3);
    }

    [Fact]
    public void Chamber_management_by_another_member_and_illegal_chamber_transitions_are_caught()
    {
        RuleFor(c => c.Tx(UzOp, ChamberSuspended(Chamber)), AuditRules.ChamberActor);
        RuleFor(c => c.Tx(KrOp, ChamberReinstated(Chamber)), AuditRules.ChamberTransition);
        using var chain = Legal();
        chain.Tx(KrOp, ChamberWithdrawn(Chamber));
        chain.Tx(KrOp, ChamberSuspended(Chamber));
        chain.Tx(KrOp, ChamberAccountAdded(Chamber, Account(8)));
        AssertOnly(chain, AuditRules.ChamberTransition, 2);
    }

    [Fact]
    public void Origin_anchoring_by_a_non_chamber_or_a_suspended_chamber_is_caught()
    {
        RuleFor(c => c.Tx(KrOp, OriginAnchored(Root("o"), Chamber, KR, 1, c.Now + 12)), AuditRules.OriginActor);
        using var chain = Legal();
        chain.Tx(KrOp, ChamberSuspended(Chamber));
        chain.Tx(ChamberAccount, OriginAnchored(Root("o"), Chamber, KR, 1, chain.Now + 12));
        chain.Tx(ChamberAccount, CertificateRevoked(KrOrigins, 0, chain.Now + 12));
        AssertOnly(chain, AuditRules.OriginActor, 2);
    }

    [Fact]
    public void A_chamber_stops_standing_when_its_member_is_removed()
    {
        using var chain = Legal();
        chain.Tx(UzOp, Proposal(1, ProposalKind.Remove, KR, UZ, null, chain.Now + 1000), Vote(1, UZ));
        chain.Tx(KzOp, Vote(1, KZ));
        chain.Tx(Stranger, OperatorRemoved(KR, KrOp), Removed(KR, 1), Executed(1));
        chain.Tx(ChamberAccount, OriginAnchored(Root("o"), Chamber, KR, 1, chain.Now + 12));
        AssertOnly(chain, AuditRules.OriginActor);
    }

    [Fact]
    public void Certificate_uses_and_revocations_against_the_rules_are_caught()
    {
        RuleFor(c => c.Tx(ChamberAccount, CertificateUsed(KrOrigins, 0, KR)), AuditRules.OriginUseActor);
        RuleFor(c => c.Tx(UzOp, CertificateUsed(Root("nowhere"), 0, UZ)), AuditRules.OriginUnanchored);
        using var chain = Legal();
        chain.Tx(UzOp, CertificateUsed(KrOrigins, 0, UZ));
        chain.Tx(KzOp, CertificateUsed(KrOrigins, 0, KZ));                          // only the first use stands
        chain.Tx(ChamberAccount, CertificateRevoked(KrOrigins, 1, chain.Now + 12));
        chain.Tx(ChamberAccount, CertificateRevoked(KrOrigins, 1, chain.Now + 12)); // revoked twice
        chain.Tx(UzOp, CertificateUsed(KrOrigins, 1, UZ));                           // used after revocation
        AssertOnly(chain, AuditRules.OriginRule, 3);
    }

    [Fact]
    public void An_mra_concluded_before_every_party_accepted_is_caught()
    {
        using var chain = Legal();
        chain.Tx(KrOp, MraProposed(2, KR, [KR, KZ, UZ], 0b01), MraAccepted(2, 1, KR));
        chain.Tx(UzOp, MraAccepted(2, 1, UZ), MraConcluded(2, 1));
        var v = Single(chain, AuditRules.MraAcceptance);
        Assert.Contains("before KZ accepted", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_party_accepting_twice_or_an_old_version_is_caught()
    {
        RuleFor(c => c.Tx(KrOp, MraAccepted(1, 1, KR)), AuditRules.MraAcceptance);
        using var chain = Legal();
        chain.Tx(UzOp, MraAmended(1, 2, UZ, 0b01), MraAccepted(1, 2, UZ));
        chain.Tx(KrOp, MraAccepted(1, 1, KR));
        AssertOnly(chain, AuditRules.MraAcceptance, 2);
    }

    [Fact]
    public void Mra_acts_by_non_parties_non_operators_or_out_of_state_are_caught()
    {
        RuleFor(c => c.Tx(Stranger, MraSuspended(1, UZ)), AuditRules.MraActor);
        RuleFor(c => c.Tx(KzOp, MraSuspended(1, KZ)), AuditRules.MraParty);
        RuleFor(c => c.Tx(KrOp, MraResumed(1, KR)), AuditRules.MraTransition);
        using var chain = Legal();
        chain.Tx(KrOp, MraTerminated(1, KR));
        chain.Tx(UzOp, MraTerminated(1, UZ));
        chain.Tx(UzOp, MraAmended(1, 2, UZ, 0b01), MraAccepted(1, 2, UZ));
        AssertOnly(chain, AuditRules.MraTransition, 3);
    }

    [Fact]
    public void Mra_events_out_of_version_sequence_are_caught()
    {
        RuleFor(c => c.Tx(KrOp, MraAccepted(9, 1, KR)), AuditRules.MraVersion);
        RuleFor(c => c.Tx(KrOp, MraAmended(1, 3, KR, 1), MraAccepted(1, 3, KR)), AuditRules.MraVersion, 2);
        RuleFor(c => c.Tx(KrOp, MraProposed(5, KR, [KR, UZ], 1), MraAccepted(5, 1, KR)), AuditRules.MraVersion);
    }

    [Fact]
    public void Logs_out_of_chain_order_are_reported_and_skipped()
    {
        using var chain = Legal();
        var position = new Contracts.Events.LogPosition(2, TxHash(2), 0);
        chain.State.Apply(Status(KrBatch, 0, CredentialStatus.Revoked, chain.Now) with { Position = position }, chain.Now, KrOp);
        AssertOnly(chain, AuditRules.LogOrder);
        Assert.Empty(chain.State.TimelineOf(new CredentialLedger.Sdk.Ledger.CredentialRef(KrBatch, 0)));
    }

    private static void RuleFor(Action<ForgedChain> forge, string rule, int count = 1)
    {
        using var chain = Legal();
        forge(chain);
        AssertOnly(chain, rule, count);
    }
}
