using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>The kind of an off-chain document.</summary>
public enum AuditDocumentKind
{
    /// <summary>An AEO certificate: a VC-JWT (compact JWS), anchored in the CredentialRegistry (<c>"aeo"</c>).</summary>
    Aeo,

    /// <summary>A signed certificate-of-origin XML document, anchored in the OriginRegistry (<c>"coo"</c>).</summary>
    Coo,
}

/// <summary>
/// An off-chain document as a node exports it, with the place it claims on chain: the batch root, its index, and the
/// Merkle proof from its leaf to that root.
/// </summary>
/// <param name="Kind">AEO certificate or certificate of origin.</param>
/// <param name="DocumentId">The issuer's identifier (certificate id), for the report.</param>
/// <param name="Content">The document's bytes: the compact JWS's ASCII for an AEO certificate, the XML bytes for a certificate of origin.</param>
/// <param name="Root">The batch root it claims.</param>
/// <param name="Index">Its index in the batch.</param>
/// <param name="Proof">Sibling hashes from its leaf upwards.</param>
public sealed record AuditDocument(
    AuditDocumentKind Kind, string DocumentId, ReadOnlyMemory<byte> Content, Hash32 Root, uint Index, IReadOnlyList<Hash32> Proof)
{
    /// <summary>An AEO certificate given as its compact JWS.</summary>
    public static AuditDocument Aeo(string documentId, string jws, Hash32 root, uint index, IReadOnlyList<Hash32> proof)
    {
        ArgumentNullException.ThrowIfNull(jws);
        return new AuditDocument(AuditDocumentKind.Aeo, documentId, Encoding.ASCII.GetBytes(jws), root, index, proof);
    }

    /// <summary>The content as text (the JWS of an AEO certificate).</summary>
    public string ContentText => Encoding.UTF8.GetString(Content.Span);
}

/// <summary>What the check of one off-chain document found.</summary>
/// <param name="Kind">The document's kind.</param>
/// <param name="DocumentId">Its identifier.</param>
/// <param name="Root">The root it claims.</param>
/// <param name="Index">The index it claims.</param>
/// <param name="DocumentHash">Its hash as the anchoring computed it (keccak-256 of the JWS or XML bytes).</param>
/// <param name="Valid">Whether hash and proof match a root anchored by its issuer.</param>
/// <param name="Issuer">The member that anchored the root (an AEO issuer, a chamber's member), or null when none did.</param>
/// <param name="Chamber">The chamber that anchored a certificate-of-origin root, or null.</param>
/// <param name="Anchored">The log that anchored the root, or null.</param>
/// <param name="Rule">The rule broken when not valid (<see cref="AuditRules"/>), else null.</param>
/// <param name="Message">What was found.</param>
public sealed record AuditDocumentCheck(
    AuditDocumentKind Kind, string DocumentId, Hash32 Root, uint Index, Hash32 DocumentHash, bool Valid, MemberCode? Issuer, ChamberId? Chamber,
    AuditStamp? Anchored, string? Rule, string Message);
