namespace CredentialLedger.Contracts;

/// <summary>Lifecycle of a Mutual Recognition Arrangement apart from acceptance (<c>IMraRegistry.MraStatus</c>).</summary>
public enum MraStatus : byte
{
    /// <summary>No such MRA.</summary>
    None = 0,

    /// <summary>Proposed or concluded, and not suspended.</summary>
    Active = 1,

    /// <summary>Suspended by a party.</summary>
    Suspended = 2,

    /// <summary>Terminated by a party, for good.</summary>
    Terminated = 3,
}

/// <summary>An MRA's record (<c>IMraRegistry.Mra</c>).</summary>
/// <param name="Id">The MRA id (from 1).</param>
/// <param name="Status">Its status.</param>
/// <param name="LatestVersion">The newest version of its terms.</param>
/// <param name="ConcludedVersion">The version every party accepted that governs it, or 0 when none yet.</param>
/// <param name="PartyCount">How many member parties it has (2 to 64).</param>
public sealed record MraRecord(ulong Id, MraStatus Status, uint LatestVersion, uint ConcludedVersion, byte PartyCount)
{
    /// <summary>Whether some version was accepted by every party.</summary>
    public bool IsConcluded => ConcludedVersion != 0;
}

/// <summary>The terms of one version of an MRA (<c>IMraRegistry.Terms</c>).</summary>
/// <param name="ValidFrom">First unix second in force.</param>
/// <param name="ValidUntil">First unix second no longer in force, or 0 for no end.</param>
/// <param name="Scope">The AEO programme types recognized: bit p = programme p.</param>
/// <param name="Benefits">The benefits granted (a bitmask, see contracts/README.md).</param>
/// <param name="AcceptedMask">Bit i is set once party i (in ascending party order) accepted this version.</param>
public sealed record MraTerms(ulong ValidFrom, ulong ValidUntil, uint Scope, uint Benefits, ulong AcceptedMask)
{
    /// <summary>Whether the terms cover programme type <paramref name="programme"/> (0 to 31).</summary>
    public bool Covers(int programme) => programme is >= 0 and < 32 && (Scope & (1u << programme)) != 0;
}

/// <summary>The answer of <c>recognizes</c>: does a verifier recognize an issuer's AEO programme at a time?</summary>
/// <param name="Recognized">True when an MRA in force has both as active parties and covers the programme.</param>
/// <param name="MraId">The first such MRA, or 0.</param>
/// <param name="Version">Its concluded version, or 0.</param>
/// <param name="Benefits">Its benefits, or 0.</param>
public sealed record Recognition(bool Recognized, ulong MraId, uint Version, uint Benefits);
