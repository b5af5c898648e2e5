namespace CredentialLedger.Node.Mras;

/// <summary>
/// The terms of an MRA version as a caller proposes or amends them, checked here as the registry checks them
/// (<c>MraRegistryInvalidScope</c>, <c>MraRegistryInvalidValidity</c>) so that bad terms are refused with the field's
/// name before anything is signed, instead of as a revert.
/// </summary>
/// <param name="Scope">Programme types recognized, bit p = programme p (contracts/README.md); never 0.</param>
/// <param name="Benefits">The benefits mask (may be 0).</param>
/// <param name="ValidFrom">First unix second in force.</param>
/// <param name="ValidUntil">First unix second no longer in force, after <paramref name="ValidFrom"/>; 0 for no end.</param>
public sealed record MraTermsDraft(uint Scope, uint Benefits, ulong ValidFrom, ulong ValidUntil)
{
    /// <summary>Checks and builds terms; <paramref name="field"/> prefixes the field names in messages.</summary>
    /// <exception cref="ArgumentException">Empty scope, a time before 1970, or an end not after the start.</exception>
    public static MraTermsDraft Create(uint scope, uint benefits, long validFrom, long? validUntil, string field = "terms.")
    {
        if (scope == 0)
            throw new ArgumentException($"{field}scope: at least one programme (AEO-S or AEO-C).");
        if (validFrom < 0)
            throw new ArgumentException($"{field}validFrom: before 1970.");
        if (validUntil is { } end && end <= validFrom)
            throw new ArgumentException(
                $"{field}validUntil: {DateTimeOffset.FromUnixTimeSeconds(Math.Max(end, 0)):u} is not after validFrom " +
                $"{DateTimeOffset.FromUnixTimeSeconds(validFrom):u} (leave it unset for no end).");
        // 0 is the registry's "no end", so a real end is always > validFrom >= 0.
        return new MraTermsDraft(scope, benefits, (ulong)validFrom, validUntil is { } until ? (ulong)until : 0);
    }
}
