using CredentialLedger.Contracts;

namespace CredentialLedger.Sdk.Audit;

/// <summary>A Mutual Recognition Arrangement: parties, versions with their acceptances, and state changes.</summary>
/// <param name="Id">The MRA id.</param>
/// <param name="Parties">The parties, ascending.</param>
/// <param name="Proposer">The proposing member.</param>
/// <param name="Proposed">When it was proposed.</param>
/// <param name="Status">Its status at the end of the replay.</param>
/// <param name="ConcludedVersion">The version that governs at the end of the replay, or 0 when none was concluded.</param>
/// <param name="Versions">Every version, by number.</param>
/// <param name="StateChanges">Suspensions, resumptions and the termination, in chain order.</param>
public sealed record AuditMra(
    ulong Id, IReadOnlyList<MemberCode> Parties, MemberCode Proposer, AuditStamp Proposed, MraStatus Status, uint ConcludedVersion,
    IReadOnlyList<AuditMraVersion> Versions, IReadOnlyList<AuditMraStateChange> StateChanges);

/// <summary>One version of an MRA's terms.</summary>
/// <param name="Version">The version (from 1).</param>
/// <param name="Proposer">The member that proposed or amended it.</param>
/// <param name="Scope">Programme types recognized (bit p = programme p; 0 AEO-S, 1 AEO-C).</param>
/// <param name="Benefits">Benefits granted (bitmask, contracts/README.md).</param>
/// <param name="ValidFrom">First unix second in force.</param>
/// <param name="ValidUntil">First unix second no longer in force, or 0 for no end.</param>
/// <param name="Opened">When it was proposed or amended.</param>
/// <param name="Acceptances">Acceptances in chain order.</param>
/// <param name="Concluded">When every party had accepted it, or null.</param>
public sealed record AuditMraVersion(
    uint Version, MemberCode Proposer, uint Scope, uint Benefits, ulong ValidFrom, ulong ValidUntil, AuditStamp Opened,
    IReadOnlyList<AuditMraAcceptance> Acceptances, AuditStamp? Concluded);

/// <summary>A party's acceptance of a version.</summary>
/// <param name="Party">The accepting member.</param>
/// <param name="Recorded">When.</param>
public sealed record AuditMraAcceptance(MemberCode Party, AuditStamp Recorded);

/// <summary>A suspension, resumption or termination of an MRA.</summary>
/// <param name="Recorded">When.</param>
/// <param name="Status">The new status.</param>
/// <param name="Party">The party that acted.</param>
/// <param name="Reason">The reason code (0 for a resumption).</param>
public sealed record AuditMraStateChange(AuditStamp Recorded, MraStatus Status, MemberCode Party, byte Reason);
