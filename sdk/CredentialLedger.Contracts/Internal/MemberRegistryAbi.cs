using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Contracts.Internal;

/// <summary>
/// The ABI of contracts/src/interfaces/IMemberRegistry.sol and MemberRegistry.sol, written out by hand; the drift test
/// compares it with the compiled ABI, so a change to the Solidity that is not made here fails the build's tests.
/// Enums are uint8 and structs are tuples in the ABI.
/// </summary>
internal static class MemberRegistryAbi
{
    // ---------------------------------------------------------------- writes
    public static readonly FunctionSignature Propose = F("propose(uint8 kind, bytes2 subject, address firstOperator) returns (uint256 proposalId)");
    public static readonly FunctionSignature Vote = F("vote(uint256 proposalId)");
    public static readonly FunctionSignature Execute = F("execute(uint256 proposalId)");
    public static readonly FunctionSignature AddOperator = F("addOperator(address account)");
    public static readonly FunctionSignature RemoveOperator = F("removeOperator(address account)");
    public static readonly FunctionSignature RegisterKey = F("registerKey(bytes publicKey, uint64 validFrom, uint64 validUntil) returns (bytes32 keyId)");
    public static readonly FunctionSignature RegisterChamberKey = F("registerChamberKey(bytes16 chamber, bytes publicKey, uint64 validFrom, uint64 validUntil) returns (bytes32 keyId)");
    public static readonly FunctionSignature RevokeKey = F("revokeKey(bytes32 keyId, uint64 effectiveAt, uint8 reason)");
    public static readonly FunctionSignature AuthorizeChamber = F("authorizeChamber(bytes16 chamber, address account)");
    public static readonly FunctionSignature SuspendChamber = F("suspendChamber(bytes16 chamber, uint8 reason)");
    public static readonly FunctionSignature ReinstateChamber = F("reinstateChamber(bytes16 chamber)");
    public static readonly FunctionSignature WithdrawChamber = F("withdrawChamber(bytes16 chamber, uint8 reason)");
    public static readonly FunctionSignature AddChamberAccount = F("addChamberAccount(bytes16 chamber, address account)");
    public static readonly FunctionSignature RemoveChamberAccount = F("removeChamberAccount(bytes16 chamber, address account)");

    // ---------------------------------------------------------------- reads
    public static readonly FunctionSignature GetProposal = F("getProposal(uint256 proposalId) returns ((uint8 kind, bytes2 subject, bytes2 proposer, bool executed, uint64 createdAt, uint64 expiresAt, address firstOperator))");
    public static readonly FunctionSignature Tally = F("tally(uint256 proposalId) returns (uint256 votes, uint256 required)");
    public static readonly FunctionSignature GetMember = F("getMember(bytes2 member) returns ((uint8 status, uint32 epoch, uint64 since, uint8 operatorCount))");
    public static readonly FunctionSignature IsActiveMember = F("isActiveMember(bytes2 member) returns (bool)");
    public static readonly FunctionSignature OperatorMember = F("operatorMember(address account) returns (bytes2)");
    public static readonly FunctionSignature Operators = F("operators(bytes2 member) returns (address[])");
    public static readonly FunctionSignature MemberCodes = F("memberCodes() returns (bytes2[])");
    public static readonly FunctionSignature ActiveMemberCount = F("activeMemberCount() returns (uint256)");
    public static readonly FunctionSignature GetKey = F("getKey(bytes32 keyId) returns ((bytes2 member, bytes16 chamber, uint64 validFrom, uint64 validUntil, uint64 revokedAt, uint8 revocationReason, bytes publicKey))");
    public static readonly FunctionSignature KeyValidAt = F("keyValidAt(bytes32 keyId, uint64 at) returns (bool valid, bytes2 member, bytes16 chamber)");
    public static readonly FunctionSignature GetChamber = F("getChamber(bytes16 chamber) returns ((bytes2 member, uint8 status, uint32 memberEpoch))");
    public static readonly FunctionSignature ChamberOf = F("chamberOf(address account) returns (bytes2 member, bytes16 chamber, bool authorized)");
    public static readonly FunctionSignature MaxOperators = F("MAX_OPERATORS() returns (uint256)");
    public static readonly FunctionSignature VotingPeriod = F("VOTING_PERIOD() returns (uint64)");
    public static readonly FunctionSignature MaxVotingPeriod = F("MAX_VOTING_PERIOD() returns (uint64)");

    public static readonly IReadOnlyList<FunctionSignature> Writes =
    [
        Propose, Vote, Execute, AddOperator, RemoveOperator, RegisterKey, RegisterChamberKey, RevokeKey, AuthorizeChamber,
        SuspendChamber, ReinstateChamber, WithdrawChamber, AddChamberAccount, RemoveChamberAccount,
    ];

    public static readonly IReadOnlyList<FunctionSignature> Reads =
    [
        GetProposal, Tally, GetMember, IsActiveMember, OperatorMember, Operators, MemberCodes, ActiveMemberCount, GetKey,
        KeyValidAt, GetChamber, ChamberOf, MaxOperators, VotingPeriod, MaxVotingPeriod,
    ];

    // ---------------------------------------------------------------- events
    public static readonly EventSignature MemberAdmitted = E("MemberAdmitted(bytes2 indexed member, uint32 epoch, uint256 indexed proposalId)");
    public static readonly EventSignature MemberRemoved = E("MemberRemoved(bytes2 indexed member, uint256 indexed proposalId)");
    public static readonly EventSignature OperatorAdded = E("OperatorAdded(bytes2 indexed member, address indexed account)");
    public static readonly EventSignature OperatorRemoved = E("OperatorRemoved(bytes2 indexed member, address indexed account)");
    public static readonly EventSignature ProposalCreated = E("ProposalCreated(uint256 indexed proposalId, uint8 kind, bytes2 indexed subject, bytes2 proposer, address firstOperator, uint64 expiresAt)");
    public static readonly EventSignature VoteCast = E("VoteCast(uint256 indexed proposalId, bytes2 indexed voter)");
    public static readonly EventSignature ProposalExecuted = E("ProposalExecuted(uint256 indexed proposalId)");
    public static readonly EventSignature KeyRegistered = E("KeyRegistered(bytes32 indexed keyId, bytes2 indexed member, bytes16 indexed chamber, uint64 validFrom, uint64 validUntil, bytes publicKey)");
    public static readonly EventSignature KeyRevoked = E("KeyRevoked(bytes32 indexed keyId, uint64 effectiveAt, uint8 reason)");
    public static readonly EventSignature ChamberAuthorized = E("ChamberAuthorized(bytes16 indexed chamber, bytes2 indexed member, address account)");
    public static readonly EventSignature ChamberSuspended = E("ChamberSuspended(bytes16 indexed chamber, uint8 reason)");
    public static readonly EventSignature ChamberReinstated = E("ChamberReinstated(bytes16 indexed chamber)");
    public static readonly EventSignature ChamberWithdrawn = E("ChamberWithdrawn(bytes16 indexed chamber, uint8 reason)");
    public static readonly EventSignature ChamberAccountAdded = E("ChamberAccountAdded(bytes16 indexed chamber, address indexed account)");
    public static readonly EventSignature ChamberAccountRemoved = E("ChamberAccountRemoved(bytes16 indexed chamber, address indexed account)");

    public static readonly IReadOnlyList<EventSignature> Events =
    [
        MemberAdmitted, MemberRemoved, OperatorAdded, OperatorRemoved, ProposalCreated, VoteCast, ProposalExecuted,
        KeyRegistered, KeyRevoked, ChamberAuthorized, ChamberSuspended, ChamberReinstated, ChamberWithdrawn,
        ChamberAccountAdded, ChamberAccountRemoved,
    ];

    // ---------------------------------------------------------------- errors
    public static readonly IReadOnlyList<ErrorSignature> Errors =
    [
        R("MemberRegistryInvalidCode(bytes2 code)"),
        R("MemberRegistryInvalidFounders()"),
        R("MemberRegistryInvalidVotingPeriod(uint64 votingPeriod)"),
        R("MemberRegistryNotOperator(address account)"),
        R("MemberRegistryWrongMember(address account, bytes2 expected, bytes2 actual)"),
        R("MemberRegistryNotActive(bytes2 member)"),
        R("MemberRegistryAlreadyActive(bytes2 member)"),
        R("MemberRegistryZeroAccount()"),
        R("MemberRegistryAccountInUse(address account)"),
        R("MemberRegistryUnknownOperator(bytes2 member, address account)"),
        R("MemberRegistryLastOperator(bytes2 member)"),
        R("MemberRegistryTooManyOperators(bytes2 member, uint256 max)"),
        R("MemberRegistryLastMember(bytes2 member)"),
        R("MemberRegistryUnknownProposal(uint256 proposalId)"),
        R("MemberRegistryProposalExpired(uint256 proposalId, uint64 expiresAt)"),
        R("MemberRegistryProposalExecuted(uint256 proposalId)"),
        R("MemberRegistryAlreadyVoted(uint256 proposalId, bytes2 member)"),
        R("MemberRegistryNoMajority(uint256 proposalId, uint256 votes, uint256 required)"),
        R("MemberRegistryInvalidPublicKey(uint256 length)"),
        R("MemberRegistryInvalidValidity(uint64 validFrom, uint64 validUntil)"),
        R("MemberRegistryKeyExists(bytes32 keyId)"),
        R("MemberRegistryUnknownKey(bytes32 keyId)"),
        R("MemberRegistryKeyAlreadyRevoked(bytes32 keyId, uint64 revokedAt)"),
        R("MemberRegistryNotKeyManager(bytes32 keyId, address account)"),
        R("MemberRegistryInvalidChamber()"),
        R("MemberRegistryChamberExists(bytes16 chamber)"),
        R("MemberRegistryUnknownChamber(bytes16 chamber)"),
        R("MemberRegistryChamberStatus(bytes16 chamber, uint8 status)"),
        R("MemberRegistryUnknownChamberAccount(bytes16 chamber, address account)"),
    ];

    private static FunctionSignature F(string signature) => FunctionSignature.Parse(signature);

    private static EventSignature E(string signature) => EventSignature.Parse(signature);

    private static ErrorSignature R(string signature) => ErrorSignature.Parse(signature);
}
