using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Audit;

/// <summary>A credential's status at a time, as the replayed chain says.</summary>
/// <param name="Credential">The credential.</param>
/// <param name="At">The unix second asked about.</param>
/// <param name="Batch">Its batch, or null when no batch with its root was anchored by the end of the replay.</param>
/// <param name="Anchored">Whether its batch was anchored at <paramref name="At"/> (block time not after it) and its index is inside it.</param>
/// <param name="Status">Its status at <paramref name="At"/>, or null when not anchored then.</param>
/// <param name="Change">The change in force at <paramref name="At"/>, or null while it is as anchored.</param>
public sealed record AuditCredentialStatus(
    CredentialRef Credential, ulong At, AuditCredentialBatch? Batch, bool Anchored, CredentialStatus? Status, AuditStatusChange? Change);

/// <summary>The terms of an MRA version in force at a time.</summary>
/// <param name="MraId">The MRA.</param>
/// <param name="Version">The governing (concluded) version.</param>
/// <param name="Scope">Programme types recognized.</param>
/// <param name="Benefits">Benefits granted.</param>
/// <param name="ValidFrom">First unix second of the version's window.</param>
/// <param name="ValidUntil">First unix second after it, or 0.</param>
/// <param name="InForceSince">The first second of the current uninterrupted in-force period that contains the time asked about.</param>
public sealed record AuditMraInForce(ulong MraId, uint Version, uint Scope, uint Benefits, ulong ValidFrom, ulong ValidUntil, ulong InForceSince);

/// <summary>
/// Whether a member recognized a credential at a time, and under which MRA. With the credential's programmes (from
/// its off-chain document) the answer is a yes or no with the MRA; without them, <see cref="Mra"/> stays null and
/// <see cref="MrasInForce"/> lists the MRAs between verifier and issuer in force then, with their scope.
/// </summary>
/// <param name="Credential">The credential.</param>
/// <param name="Verifier">The recognizing member.</param>
/// <param name="At">The unix second asked about.</param>
/// <param name="Recognized">True when anchored, Active, both members at that time and (for another issuer) an MRA in force covers a programme; null when that depends on programmes not known.</param>
/// <param name="Issuer">The issuer (from the credential's batch), or null when not anchored.</param>
/// <param name="Status">The credential's status then.</param>
/// <param name="Programmes">The scope bits of the credential's programmes when known, else null.</param>
/// <param name="Mra">The MRA that recognizes it (lowest id), or null.</param>
/// <param name="MrasInForce">Every MRA between verifier and issuer in force then, by id.</param>
/// <param name="Reasons">Why it is not recognized (empty when it is).</param>
public sealed record AuditRecognition(
    CredentialRef Credential, MemberCode Verifier, ulong At, bool? Recognized, MemberCode? Issuer, AuditCredentialStatus Status, uint? Programmes,
    AuditMraInForce? Mra, IReadOnlyList<AuditMraInForce> MrasInForce, IReadOnlyList<string> Reasons);

/// <summary>One change of one credential, for the changes of a member's credentials over a period.</summary>
/// <param name="Credential">The credential.</param>
/// <param name="Issuer">Its issuer.</param>
/// <param name="Change">The change.</param>
public sealed record AuditCredentialChange(CredentialRef Credential, MemberCode Issuer, AuditStatusChange Change);
