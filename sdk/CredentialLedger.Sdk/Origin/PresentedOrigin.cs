using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Origin;

/// <summary>
/// A certificate of origin as presented to the importing administration: the signed XML, exactly as signed, and where
/// it is anchored (the chamber hands these out with the document).
/// </summary>
/// <param name="Xml">The signed e-CoO document's bytes (its keccak-256 is the Merkle leaf's document hash).</param>
/// <param name="Root">Its batch's Merkle root.</param>
/// <param name="Index">Its index in the batch.</param>
/// <param name="Proof">The sibling hashes from the leaf up (contracts/README.md, "Merkle batches").</param>
public sealed record PresentedOrigin(ReadOnlyMemory<byte> Xml, Hash32 Root, uint Index, IReadOnlyList<Hash32> Proof);
