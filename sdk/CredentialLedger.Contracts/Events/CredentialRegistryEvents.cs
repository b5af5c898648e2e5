using CredentialLedger.Evm;

namespace CredentialLedger.Contracts.Events;

/// <summary><c>BatchAnchored</c>: the issuer anchored the root of a batch of credentials, all Active.</summary>
/// <param name="Root">The batch's Merkle root.</param>
/// <param name="Issuer">The issuing member.</param>
/// <param name="Size">The number of credentials.</param>
/// <param name="AnchoredAt">The block time.</param>
public sealed record BatchAnchored(Hash32 Root, MemberCode Issuer, uint Size, ulong AnchoredAt) : RegistryEvent;

/// <summary><c>CredentialStatusChanged</c>: one credential changed status.</summary>
/// <param name="Root">The batch root.</param>
/// <param name="Index">The credential's index.</param>
/// <param name="Status">The new status.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="EffectiveAt">When the change takes effect (never after the block time).</param>
public sealed record CredentialStatusChanged(Hash32 Root, uint Index, CredentialStatus Status, byte Reason, ulong EffectiveAt)
    : RegistryEvent;

/// <summary><c>CredentialStatusesChanged</c>: many credentials of one batch changed to the same status, in this order.</summary>
/// <param name="Root">The batch root.</param>
/// <param name="Status">The new status.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="EffectiveAt">When the change takes effect.</param>
/// <param name="Indices">The credentials' indices, in the order given.</param>
public sealed record CredentialStatusesChanged(
    Hash32 Root, CredentialStatus Status, byte Reason, ulong EffectiveAt, IReadOnlyList<uint> Indices) : RegistryEvent
{
    /// <inheritdoc/>
    public bool Equals(CredentialStatusesChanged? other) =>
        base.Equals(other) && Root == other.Root && Status == other.Status && Reason == other.Reason
        && EffectiveAt == other.EffectiveAt && Indices.SequenceEqual(other.Indices);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Root, Indices.Count);
}

/// <summary><c>CredentialSuperseded</c>: the credential was renewed; (Root, Index) is Superseded by (NewRoot, NewIndex).</summary>
/// <param name="Root">The old credential's batch root.</param>
/// <param name="Index">The old credential's index.</param>
/// <param name="NewRoot">The renewed credential's batch root.</param>
/// <param name="NewIndex">The renewed credential's index.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="EffectiveAt">When the change takes effect.</param>
public sealed record CredentialSuperseded(Hash32 Root, uint Index, Hash32 NewRoot, uint NewIndex, byte Reason, ulong EffectiveAt)
    : RegistryEvent;
