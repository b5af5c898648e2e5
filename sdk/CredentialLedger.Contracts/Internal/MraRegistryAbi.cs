using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Contracts.Internal;

/// <summary>The ABI of IMraRegistry.sol and MraRegistry.sol, by hand; see <see cref="MemberRegistryAbi"/>.</summary>
internal static class MraRegistryAbi
{
    // ---------------------------------------------------------------- writes
    public static readonly FunctionSignature Propose = F("propose(bytes2[] parties, uint32 scope, uint32 benefits, uint64 validFrom, uint64 validUntil) returns (uint256 mraId)");
    public static readonly FunctionSignature Accept = F("accept(uint256 mraId, uint32 version)");
    public static readonly FunctionSignature Amend = F("amend(uint256 mraId, uint32 scope, uint32 benefits, uint64 validFrom, uint64 validUntil) returns (uint32 version)");
    public static readonly FunctionSignature Suspend = F("suspend(uint256 mraId, uint8 reason)");
    public static readonly FunctionSignature Resume = F("resume(uint256 mraId)");
    public static readonly FunctionSignature Terminate = F("terminate(uint256 mraId, uint8 reason)");

    // ---------------------------------------------------------------- reads
    public static readonly FunctionSignature GetMra = F("getMra(uint256 mraId) returns ((uint8 status, uint32 latestVersion, uint32 concludedVersion, uint8 partyCount))");
    public static readonly FunctionSignature PartiesOf = F("partiesOf(uint256 mraId) returns (bytes2[])");
    public static readonly FunctionSignature TermsOf = F("termsOf(uint256 mraId, uint32 version) returns ((uint64 validFrom, uint64 validUntil, uint32 scope, uint32 benefits, uint64 acceptedMask))");
    public static readonly FunctionSignature MrasOf = F("mrasOf(bytes2 member) returns (uint256[])");
    public static readonly FunctionSignature InForce = F("inForce(uint256 mraId, uint64 at) returns (bool)");
    public static readonly FunctionSignature Recognizes = F("recognizes(bytes2 verifier, bytes2 issuer, uint8 programme, uint64 at) returns (bool recognized, uint256 mraId, uint32 version, uint32 benefits)");
    public static readonly FunctionSignature MaxParties = F("MAX_PARTIES() returns (uint256)");
    public static readonly FunctionSignature Members = F("MEMBERS() returns (address)");

    public static readonly IReadOnlyList<FunctionSignature> Writes = [Propose, Accept, Amend, Suspend, Resume, Terminate];

    public static readonly IReadOnlyList<FunctionSignature> Reads =
        [GetMra, PartiesOf, TermsOf, MrasOf, InForce, Recognizes, MaxParties, Members];

    // ---------------------------------------------------------------- events
    public static readonly EventSignature MraProposed = E("MraProposed(uint256 indexed mraId, bytes2 indexed proposer, bytes2[] parties, uint32 scope, uint32 benefits, uint64 validFrom, uint64 validUntil)");
    public static readonly EventSignature MraAmended = E("MraAmended(uint256 indexed mraId, uint32 indexed version, bytes2 indexed proposer, uint32 scope, uint32 benefits, uint64 validFrom, uint64 validUntil)");
    public static readonly EventSignature MraAccepted = E("MraAccepted(uint256 indexed mraId, uint32 indexed version, bytes2 indexed party)");
    public static readonly EventSignature MraConcluded = E("MraConcluded(uint256 indexed mraId, uint32 indexed version)");
    public static readonly EventSignature MraSuspended = E("MraSuspended(uint256 indexed mraId, bytes2 indexed party, uint8 reason)");
    public static readonly EventSignature MraResumed = E("MraResumed(uint256 indexed mraId, bytes2 indexed party)");
    public static readonly EventSignature MraTerminated = E("MraTerminated(uint256 indexed mraId, bytes2 indexed party, uint8 reason)");

    public static readonly IReadOnlyList<EventSignature> Events =
        [MraProposed, MraAmended, MraAccepted, MraConcluded, MraSuspended, MraResumed, MraTerminated];

    // ---------------------------------------------------------------- errors
    public static readonly IReadOnlyList<ErrorSignature> Errors =
    [
        R("MraRegistryNotOperator(address account)"),
        R("MraRegistryNotParty(uint256 mraId, bytes2 member)"),
        R("MraRegistryInvalidParties()"),
        R("MraRegistryPartyNotActive(bytes2 member)"),
        R("MraRegistryInvalidScope()"),
        R("MraRegistryInvalidValidity(uint64 validFrom, uint64 validUntil)"),
        R("MraRegistryUnknownMra(uint256 mraId)"),
        R("MraRegistryStaleVersion(uint256 mraId, uint32 version, uint32 latestVersion)"),
        R("MraRegistryAlreadyAccepted(uint256 mraId, uint32 version, bytes2 party)"),
        R("MraRegistryInvalidStatus(uint256 mraId, uint8 status)"),
        R("MraRegistryInvalidProgramme(uint8 programme)"),
    ];

    private static FunctionSignature F(string signature) => FunctionSignature.Parse(signature);

    private static EventSignature E(string signature) => EventSignature.Parse(signature);

    private static ErrorSignature R(string signature) => ErrorSignature.Parse(signature);
}
