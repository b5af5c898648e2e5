namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// The stable ids of the rules an audit checks (contracts/README.md and the registries' code). A chain written only by
/// the registries breaks none of them; a broken rule means the logs did not come from them (a forged or edited
/// history, a wrong endpoint, a corrupted cache) or a registry bug.
/// </summary>
public static class AuditRules
{
    /// <summary>Logs out of chain order, or twice at one position.</summary>
    public const string LogOrder = "log.order";

    /// <summary>A registry event that does not decode, or whose transaction is not in its block.</summary>
    public const string LogMalformed = "log.malformed";

    /// <summary>A root anchored a second time, in either the credential or the origin registry.</summary>
    public const string RootOnce = "root.once";

    /// <summary>A batch with a zero root or size, or an anchoring time other than its block's.</summary>
    public const string BatchInvalid = "batch.invalid";

    /// <summary>An AEO batch anchored by an account that was not an operator of its issuer at that block.</summary>
    public const string BatchActor = "batch.actor";

    /// <summary>A status change that is not Active→Suspended, Suspended→Active, Active|Suspended→Revoked or Active→Superseded (nothing after Revoked or Superseded).</summary>
    public const string CredentialTransition = "credential.transition";

    /// <summary>A status change in a batch never anchored.</summary>
    public const string CredentialUnanchored = "credential.unanchored";

    /// <summary>A status change of an index outside its batch.</summary>
    public const string CredentialIndex = "credential.index";

    /// <summary>A status change effective after its block's time.</summary>
    public const string CredentialEffectiveTime = "credential.effective-time";

    /// <summary>A renewal whose new credential is not an Active credential of the same issuer (or is the same credential).</summary>
    public const string CredentialReplacement = "credential.replacement";

    /// <summary>A status change sent by an account that was not an operator of the batch's issuer at that block.</summary>
    public const string CredentialActor = "credential.actor";

    /// <summary>A member admitted other than by an executed admission proposal (or, for a founder, in the registry's deployment).</summary>
    public const string MemberAdmission = "member.admission";

    /// <summary>A member removed other than by an executed removal proposal, or not active when removed.</summary>
    public const string MemberRemoval = "member.removal";

    /// <summary>A proposal or vote sent by an account that was not an operator of the proposing or voting member.</summary>
    public const string ProposalActor = "proposal.actor";

    /// <summary>A proposal that should not exist or be voted on: an unknown, expired or executed proposal, a vote twice in one membership, an admission of an active member.</summary>
    public const string ProposalRule = "proposal.rule";

    /// <summary>A proposal executed without the votes of more than half of the members active then, after it expired, or twice.</summary>
    public const string ProposalMajority = "proposal.majority";

    /// <summary>An operator added or removed by an account that was not an operator of the member (outside an admission or removal).</summary>
    public const string OperatorActor = "operator.actor";

    /// <summary>An account added that already wrote for a member or chamber, an unknown operator removed, or a member left without operators.</summary>
    public const string OperatorAccount = "operator.account";

    /// <summary>A key registered or revoked by an account not entitled to (an operator of its member, or an account of its chamber).</summary>
    public const string KeyActor = "key.actor";

    /// <summary>A key whose id is not keccak-256 of its public key, registered twice, valid from before its block, with an empty window, or revoked later than before.</summary>
    public const string KeyRule = "key.rule";

    /// <summary>A chamber managed by an account that was not an operator of its member at that block.</summary>
    public const string ChamberActor = "chamber.actor";

    /// <summary>A chamber authorized twice, or a status change that is not Active→Suspended, Suspended→Active, or (not Withdrawn)→Withdrawn; an account added to a withdrawn chamber.</summary>
    public const string ChamberTransition = "chamber.transition";

    /// <summary>An origin batch anchored, or a certificate revoked, by an account that was not an account of an authorized chamber (its own) at that block.</summary>
    public const string OriginActor = "origin.actor";

    /// <summary>A revocation or use of a certificate in a batch never anchored, or of an index outside its batch.</summary>
    public const string OriginUnanchored = "origin.unanchored";

    /// <summary>A certificate revoked twice or effective after its block, or a use that is not the first, of a revoked certificate, or with a zero reference.</summary>
    public const string OriginRule = "origin.rule";

    /// <summary>A certificate used by an account that was not an operator of an active member (the importing member) at that block.</summary>
    public const string OriginUseActor = "origin.use-actor";

    /// <summary>An MRA event sent by an account that was not an operator of the party it names.</summary>
    public const string MraActor = "mra.actor";

    /// <summary>An MRA event naming a member that is not a party, or an MRA proposed with fewer than two, unordered or inactive parties.</summary>
    public const string MraParty = "mra.party";

    /// <summary>A version concluded before every party accepted it, accepted twice by a party, or accepted when not the latest.</summary>
    public const string MraAcceptance = "mra.acceptance";

    /// <summary>A status change that is not Active→Suspended, Suspended→Active or (not Terminated)→Terminated; an amendment or acceptance of a terminated MRA.</summary>
    public const string MraTransition = "mra.transition";

    /// <summary>An event of an MRA never proposed, an MRA proposed twice, a version out of sequence, or terms with an empty scope or window.</summary>
    public const string MraVersion = "mra.version";

    /// <summary>An off-chain document whose claimed root is not anchored (in its registry).</summary>
    public const string DocumentUnanchored = "document.unanchored";

    /// <summary>An off-chain document whose hash and Merkle proof do not lead to the root it claims (a tampered document or proof).</summary>
    public const string DocumentProof = "document.proof";

    /// <summary>An AEO certificate whose issuer is not the member that anchored its root, or that does not read as a certificate.</summary>
    public const string DocumentIssuer = "document.issuer";

    /// <summary>An AEO certificate whose signature does not verify under a key its issuer registered, or whose key was not valid when its root was anchored.</summary>
    public const string DocumentSignature = "document.signature";
}
