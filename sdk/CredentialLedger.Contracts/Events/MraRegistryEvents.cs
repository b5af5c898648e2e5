namespace CredentialLedger.Contracts.Events;

/// <summary><c>MraProposed</c>: an MRA was proposed as version 1 (the proposer's <c>MraAccepted</c> follows).</summary>
/// <param name="MraId">The MRA.</param>
/// <param name="Proposer">The proposing member.</param>
/// <param name="Parties">The parties, ascending.</param>
/// <param name="Scope">Programme types recognized (bit p = programme p).</param>
/// <param name="Benefits">Benefits granted (bitmask).</param>
/// <param name="ValidFrom">First second in force.</param>
/// <param name="ValidUntil">First second no longer in force, or 0 for no end.</param>
public sealed record MraProposed(
    ulong MraId, MemberCode Proposer, IReadOnlyList<MemberCode> Parties, uint Scope, uint Benefits, ulong ValidFrom, ulong ValidUntil)
    : RegistryEvent
{
    /// <inheritdoc/>
    public bool Equals(MraProposed? other) =>
        base.Equals(other) && MraId == other.MraId && Proposer == other.Proposer && Parties.SequenceEqual(other.Parties)
        && Scope == other.Scope && Benefits == other.Benefits && ValidFrom == other.ValidFrom && ValidUntil == other.ValidUntil;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), MraId, Parties.Count);
}

/// <summary><c>MraAmended</c>: a party opened a new version with new terms (its <c>MraAccepted</c> follows).</summary>
/// <param name="MraId">The MRA.</param>
/// <param name="Version">The new version.</param>
/// <param name="Proposer">The amending member.</param>
/// <param name="Scope">Programme types recognized.</param>
/// <param name="Benefits">Benefits granted.</param>
/// <param name="ValidFrom">First second in force.</param>
/// <param name="ValidUntil">First second no longer in force, or 0 for no end.</param>
public sealed record MraAmended(
    ulong MraId, uint Version, MemberCode Proposer, uint Scope, uint Benefits, ulong ValidFrom, ulong ValidUntil) : RegistryEvent;

/// <summary><c>MraAccepted</c>: a party accepted a version.</summary>
/// <param name="MraId">The MRA.</param>
/// <param name="Version">The version.</param>
/// <param name="Party">The accepting member.</param>
public sealed record MraAccepted(ulong MraId, uint Version, MemberCode Party) : RegistryEvent;

/// <summary><c>MraConcluded</c>: every party accepted the version; its terms now govern the MRA.</summary>
/// <param name="MraId">The MRA.</param>
/// <param name="Version">The concluded version.</param>
public sealed record MraConcluded(ulong MraId, uint Version) : RegistryEvent;

/// <summary><c>MraSuspended</c>: a party suspended the MRA.</summary>
/// <param name="MraId">The MRA.</param>
/// <param name="Party">The suspending member.</param>
/// <param name="Reason">The reason code.</param>
public sealed record MraSuspended(ulong MraId, MemberCode Party, byte Reason) : RegistryEvent;

/// <summary><c>MraResumed</c>: a party lifted the suspension.</summary>
/// <param name="MraId">The MRA.</param>
/// <param name="Party">The resuming member.</param>
public sealed record MraResumed(ulong MraId, MemberCode Party) : RegistryEvent;

/// <summary><c>MraTerminated</c>: a party terminated the MRA, for good.</summary>
/// <param name="MraId">The MRA.</param>
/// <param name="Party">The terminating member.</param>
/// <param name="Reason">The reason code.</param>
public sealed record MraTerminated(ulong MraId, MemberCode Party, byte Reason) : RegistryEvent;
