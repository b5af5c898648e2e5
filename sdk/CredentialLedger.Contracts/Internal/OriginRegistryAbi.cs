using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Contracts.Internal;

/// <summary>The ABI of IOriginRegistry.sol and OriginRegistry.sol, by hand; see <see cref="MemberRegistryAbi"/>.</summary>
internal static class OriginRegistryAbi
{
    // ---------------------------------------------------------------- writes
    public static readonly FunctionSignature Anchor = F("anchor(bytes32 root, uint32 size)");
    public static readonly FunctionSignature Revoke = F("revoke(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt)");
    public static readonly FunctionSignature RevokeMany = F("revokeMany(bytes32 root, uint32[] indices, uint8 reason, uint64 effectiveAt)");
    public static readonly FunctionSignature MarkUsed = F("markUsed(bytes32 root, uint32 index, bytes32 declarationRef)");

    // ---------------------------------------------------------------- reads
    public static readonly FunctionSignature GetBatch = F("getBatch(bytes32 root) returns ((bytes16 chamber, bytes2 member, uint32 size, uint64 anchoredAt))");
    public static readonly FunctionSignature IsRevoked = F("isRevoked(bytes32 root, uint32 index) returns (bool)");
    public static readonly FunctionSignature UseOf = F("useOf(bytes32 root, uint32 index) returns ((bytes2 member, uint64 usedAt, bytes32 declarationRef))");
    public static readonly FunctionSignature LeafOf = F("leafOf(uint32 index, bytes32 documentHash) returns (bytes32)");
    public static readonly FunctionSignature VerifyInclusion = F("verifyInclusion(bytes32 root, uint32 index, bytes32 documentHash, bytes32[] proof) returns (bool)");
    public static readonly FunctionSignature LeafTag = F("LEAF_TAG() returns (bytes32)");
    public static readonly FunctionSignature Members = F("MEMBERS() returns (address)");

    public static readonly IReadOnlyList<FunctionSignature> Writes = [Anchor, Revoke, RevokeMany, MarkUsed];

    public static readonly IReadOnlyList<FunctionSignature> Reads =
        [GetBatch, IsRevoked, UseOf, LeafOf, VerifyInclusion, LeafTag, Members];

    // ---------------------------------------------------------------- events
    public static readonly EventSignature OriginBatchAnchored = E("OriginBatchAnchored(bytes32 indexed root, bytes16 indexed chamber, bytes2 indexed member, uint32 size, uint64 anchoredAt)");
    public static readonly EventSignature CertificateRevoked = E("CertificateRevoked(bytes32 indexed root, uint32 indexed index, uint8 reason, uint64 effectiveAt)");
    public static readonly EventSignature CertificateUsed = E("CertificateUsed(bytes32 indexed root, uint32 indexed index, bytes2 indexed member, bytes32 declarationRef)");

    public static readonly IReadOnlyList<EventSignature> Events = [OriginBatchAnchored, CertificateRevoked, CertificateUsed];

    // ---------------------------------------------------------------- errors
    public static readonly IReadOnlyList<ErrorSignature> Errors =
    [
        R("OriginRegistryNotChamber(address account)"),
        R("OriginRegistryChamberNotAuthorized(bytes16 chamber)"),
        R("OriginRegistryNotIssuer(bytes32 root, bytes16 chamber, address account)"),
        R("OriginRegistryInvalidBatch(bytes32 root, uint32 size)"),
        R("OriginRegistryRootExists(bytes32 root)"),
        R("OriginRegistryUnknownBatch(bytes32 root)"),
        R("OriginRegistryIndexOutOfRange(bytes32 root, uint32 index, uint32 size)"),
        R("OriginRegistryAlreadyRevoked(bytes32 root, uint32 index)"),
        R("OriginRegistryEffectiveTimeInFuture(uint64 effectiveAt, uint64 blockTime)"),
        R("OriginRegistryInvalidList()"),
        R("OriginRegistryNotOperator(address account)"),
        R("OriginRegistryInvalidReference()"),
        R("OriginRegistryAlreadyUsed(bytes32 root, uint32 index, bytes2 member, bytes32 declarationRef, uint64 usedAt)"),
        R("OriginRegistryRevoked(bytes32 root, uint32 index)"),
    ];

    private static FunctionSignature F(string signature) => FunctionSignature.Parse(signature);

    private static EventSignature E(string signature) => EventSignature.Parse(signature);

    private static ErrorSignature R(string signature) => ErrorSignature.Parse(signature);
}
