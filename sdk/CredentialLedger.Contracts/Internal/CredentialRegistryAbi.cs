using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Contracts.Internal;

/// <summary>The ABI of ICredentialRegistry.sol and CredentialRegistry.sol, by hand; see <see cref="MemberRegistryAbi"/>.</summary>
internal static class CredentialRegistryAbi
{
    // ---------------------------------------------------------------- writes
    public static readonly FunctionSignature Anchor = F("anchor(bytes32 root, uint32 size)");
    public static readonly FunctionSignature Suspend = F("suspend(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt)");
    public static readonly FunctionSignature Reinstate = F("reinstate(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt)");
    public static readonly FunctionSignature Revoke = F("revoke(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt)");
    public static readonly FunctionSignature Supersede = F("supersede(bytes32 root, uint32 index, bytes32 newRoot, uint32 newIndex, uint8 reason, uint64 effectiveAt)");
    public static readonly FunctionSignature SuspendMany = F("suspendMany(bytes32 root, uint32[] indices, uint8 reason, uint64 effectiveAt)");
    public static readonly FunctionSignature ReinstateMany = F("reinstateMany(bytes32 root, uint32[] indices, uint8 reason, uint64 effectiveAt)");
    public static readonly FunctionSignature RevokeMany = F("revokeMany(bytes32 root, uint32[] indices, uint8 reason, uint64 effectiveAt)");
    public static readonly FunctionSignature SupersedeMany = F("supersedeMany(bytes32 root, uint32[] indices, bytes32 newRoot, uint32[] newIndices, uint8 reason, uint64 effectiveAt)");

    // ---------------------------------------------------------------- reads
    public static readonly FunctionSignature GetBatch = F("getBatch(bytes32 root) returns ((bytes2 issuer, uint32 size, uint64 anchoredAt))");
    public static readonly FunctionSignature StatusOf = F("statusOf(bytes32 root, uint32 index) returns (uint8)");
    public static readonly FunctionSignature StatusWord = F("statusWord(bytes32 root, uint256 wordIndex) returns (uint256)");
    public static readonly FunctionSignature LeafOf = F("leafOf(uint32 index, bytes32 documentHash) returns (bytes32)");
    public static readonly FunctionSignature VerifyInclusion = F("verifyInclusion(bytes32 root, uint32 index, bytes32 documentHash, bytes32[] proof) returns (bool)");
    public static readonly FunctionSignature LeafTag = F("LEAF_TAG() returns (bytes32)");
    public static readonly FunctionSignature Members = F("MEMBERS() returns (address)");

    public static readonly IReadOnlyList<FunctionSignature> Writes =
        [Anchor, Suspend, Reinstate, Revoke, Supersede, SuspendMany, ReinstateMany, RevokeMany, SupersedeMany];

    public static readonly IReadOnlyList<FunctionSignature> Reads =
        [GetBatch, StatusOf, StatusWord, LeafOf, VerifyInclusion, LeafTag, Members];

    // ---------------------------------------------------------------- events
    public static readonly EventSignature BatchAnchored = E("BatchAnchored(bytes32 indexed root, bytes2 indexed issuer, uint32 size, uint64 anchoredAt)");
    public static readonly EventSignature CredentialStatusChanged = E("CredentialStatusChanged(bytes32 indexed root, uint32 indexed index, uint8 status, uint8 reason, uint64 effectiveAt)");
    public static readonly EventSignature CredentialStatusesChanged = E("CredentialStatusesChanged(bytes32 indexed root, uint8 status, uint8 reason, uint64 effectiveAt, uint32[] indices)");
    public static readonly EventSignature CredentialSuperseded = E("CredentialSuperseded(bytes32 indexed root, uint32 indexed index, bytes32 newRoot, uint32 newIndex, uint8 reason, uint64 effectiveAt)");

    public static readonly IReadOnlyList<EventSignature> Events =
        [BatchAnchored, CredentialStatusChanged, CredentialStatusesChanged, CredentialSuperseded];

    // ---------------------------------------------------------------- errors
    public static readonly IReadOnlyList<ErrorSignature> Errors =
    [
        R("CredentialRegistryNotOperator(address account)"),
        R("CredentialRegistryNotIssuer(bytes32 root, bytes2 issuer, address account)"),
        R("CredentialRegistryInvalidBatch(bytes32 root, uint32 size)"),
        R("CredentialRegistryRootExists(bytes32 root)"),
        R("CredentialRegistryUnknownBatch(bytes32 root)"),
        R("CredentialRegistryIndexOutOfRange(bytes32 root, uint32 index, uint32 size)"),
        R("CredentialRegistryIllegalTransition(bytes32 root, uint32 index, uint8 from, uint8 to)"),
        R("CredentialRegistryEffectiveTimeInFuture(uint64 effectiveAt, uint64 blockTime)"),
        R("CredentialRegistryInvalidList()"),
        R("CredentialRegistryInvalidReplacement(bytes32 newRoot, uint32 newIndex)"),
    ];

    private static FunctionSignature F(string signature) => FunctionSignature.Parse(signature);

    private static EventSignature E(string signature) => EventSignature.Parse(signature);

    private static ErrorSignature R(string signature) => ErrorSignature.Parse(signature);
}
