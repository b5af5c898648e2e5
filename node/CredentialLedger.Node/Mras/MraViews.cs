using CredentialLedger.Contracts;
using CredentialLedger.Evm;

namespace CredentialLedger.Node.Mras;

/// <summary>One MRA as the registry's views show it at one block.</summary>
/// <param name="Record">Status, latest and concluded version, party count.</param>
/// <param name="Parties">The parties, ascending (the order of <see cref="MraTerms.AcceptedMask"/>).</param>
/// <param name="LatestTerms">The terms of <see cref="MraRecord.LatestVersion"/>.</param>
/// <param name="ConcludedTerms">The terms of <see cref="MraRecord.ConcludedVersion"/>, or null while none is.</param>
/// <param name="InForce">The registry's <c>inForce</c> at <paramref name="EvaluatedAt"/>.</param>
/// <param name="EvaluatedAt">The unix second <paramref name="InForce"/> answers for.</param>
/// <param name="BlockNumber">The block read.</param>
public sealed record MraView(
    MraRecord Record, IReadOnlyList<MemberCode> Parties, MraTerms LatestTerms, MraTerms? ConcludedTerms, bool InForce,
    ulong EvaluatedAt, ulong BlockNumber);

/// <summary>The MRA after a write, read at the block of the confirmed transaction that made it.</summary>
/// <param name="Mra">The MRA at <paramref name="BlockNumber"/>.</param>
/// <param name="TransactionHash">The confirmed transaction.</param>
/// <param name="BlockNumber">Its block.</param>
/// <param name="OpenedVersion">The version a proposal or amendment opened (from its event); null for other acts.</param>
public sealed record MraWrite(MraView Mra, Hash32 TransactionHash, ulong BlockNumber, uint? OpenedVersion);

/// <summary>The MRAs a member is party to, oldest first, read at one block.</summary>
public sealed record MraListing(IReadOnlyList<MraView> Mras, ulong EvaluatedAt, ulong BlockNumber);

/// <summary>One answer of the registry's <c>recognizes(verifier, issuer, programme, at)</c> that was true.</summary>
/// <param name="Verifier">The member that recognizes.</param>
/// <param name="Issuer">The member whose AEO programme is recognized.</param>
/// <param name="Programme">The scope bit (0 AEO-S, 1 AEO-C).</param>
/// <param name="MraId">The MRA the registry names (the verifier's first in force that covers it).</param>
/// <param name="Version">Its concluded version.</param>
/// <param name="Benefits">Its benefits mask.</param>
public sealed record RecognitionEntry(MemberCode Verifier, MemberCode Issuer, byte Programme, ulong MraId, uint Version, uint Benefits);

/// <summary>What a member recognizes and what recognizes it, at one time and block.</summary>
/// <param name="Member">The member asked about.</param>
/// <param name="Active">Whether it is an active member (if not, both lists are empty).</param>
/// <param name="At">The unix second answered for.</param>
/// <param name="BlockNumber">The block read.</param>
/// <param name="Recognizes">The member as verifier.</param>
/// <param name="RecognizedBy">The member as issuer.</param>
public sealed record RecognitionView(
    MemberCode Member, bool Active, ulong At, ulong BlockNumber, IReadOnlyList<RecognitionEntry> Recognizes,
    IReadOnlyList<RecognitionEntry> RecognizedBy);
