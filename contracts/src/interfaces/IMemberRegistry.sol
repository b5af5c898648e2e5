// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Member registry: customs administrations, their operator accounts, signing keys and chambers
/// @notice Members are identified by their ISO 3166-1 alpha-2 code as `bytes2` ("KZ" = 0x4b5a). Times are unix
///         seconds; a `validUntil` of 0 means "no end". Every state change emits an event that carries everything
///         needed to rebuild the state from the events alone.
interface IMemberRegistry {
    /// @notice Lifecycle of a member. `Removed` members can be admitted again by a new vote (a new epoch).
    enum MemberStatus {
        None,
        Active,
        Removed
    }

    /// @notice What a governance proposal asks for.
    enum ProposalKind {
        Admit,
        Remove
    }

    /// @notice Lifecycle of a chamber of commerce (a delegated issuer of certificates of origin).
    enum ChamberStatus {
        None,
        Active,
        Suspended,
        Withdrawn
    }

    /// @notice A member's record. `epoch` counts admissions, so grants from an earlier membership never revive.
    struct Member {
        MemberStatus status;
        uint32 epoch;
        uint64 since;
        uint8 operatorCount;
    }

    /// @notice A governance proposal. Votes are counted when read: only voters that are still active members count.
    struct Proposal {
        ProposalKind kind;
        bytes2 subject;
        bytes2 proposer;
        bool executed;
        uint64 createdAt;
        uint64 expiresAt;
        address firstOperator;
    }

    /// @notice A credential-signing key (P-256, SEC1 uncompressed) of a member, or of one of its chambers.
    struct SigningKey {
        bytes2 member;
        bytes16 chamber;
        uint64 validFrom;
        uint64 validUntil;
        uint64 revokedAt;
        uint8 revocationReason;
        bytes publicKey;
    }

    /// @notice A chamber of commerce authorized by a member. `memberEpoch` ties it to one membership of its member.
    struct Chamber {
        bytes2 member;
        ChamberStatus status;
        uint32 memberEpoch;
    }

    // ---------------------------------------------------------------- events

    /// @notice `member` became an active member; `proposalId` is 0 for founding members.
    event MemberAdmitted(bytes2 indexed member, uint32 epoch, uint256 indexed proposalId);
    /// @notice `member` stopped being a member; its operators were removed (each with `OperatorRemoved`) before.
    event MemberRemoved(bytes2 indexed member, uint256 indexed proposalId);
    /// @notice `account` may now write for `member`.
    event OperatorAdded(bytes2 indexed member, address indexed account);
    /// @notice `account` may no longer write for `member`.
    event OperatorRemoved(bytes2 indexed member, address indexed account);
    /// @notice A proposal was opened; the proposer's vote is cast with it (a `VoteCast` follows).
    event ProposalCreated(
        uint256 indexed proposalId,
        ProposalKind kind,
        bytes2 indexed subject,
        bytes2 proposer,
        address firstOperator,
        uint64 expiresAt
    );
    /// @notice `voter` voted for `proposalId`.
    event VoteCast(uint256 indexed proposalId, bytes2 indexed voter);
    /// @notice The proposal reached a majority of the active members and was carried out.
    event ProposalExecuted(uint256 indexed proposalId);
    /// @notice A signing key was registered; `chamber` is zero for the member's own keys.
    event KeyRegistered(
        bytes32 indexed keyId,
        bytes2 indexed member,
        bytes16 indexed chamber,
        uint64 validFrom,
        uint64 validUntil,
        bytes publicKey
    );
    /// @notice A key stops being valid at `effectiveAt` (possibly in the past, for a compromised key).
    event KeyRevoked(bytes32 indexed keyId, uint64 effectiveAt, uint8 reason);
    /// @notice `member` authorized `chamber` to issue certificates of origin, writing through `account`.
    event ChamberAuthorized(bytes16 indexed chamber, bytes2 indexed member, address account);
    /// @notice `chamber` may not issue until reinstated.
    event ChamberSuspended(bytes16 indexed chamber, uint8 reason);
    /// @notice `chamber` may issue again.
    event ChamberReinstated(bytes16 indexed chamber);
    /// @notice `chamber` is withdrawn for good.
    event ChamberWithdrawn(bytes16 indexed chamber, uint8 reason);
    /// @notice `account` may now write for `chamber`.
    event ChamberAccountAdded(bytes16 indexed chamber, address indexed account);
    /// @notice `account` may no longer write for `chamber`.
    event ChamberAccountRemoved(bytes16 indexed chamber, address indexed account);

    // ---------------------------------------------------------------- errors

    /// @notice `code` is not two upper-case ASCII letters.
    error MemberRegistryInvalidCode(bytes2 code);
    /// @notice The founding list is empty, names a member twice, or its lists differ in length.
    error MemberRegistryInvalidFounders();
    /// @notice The voting period must be 1 second to 365 days (a longer one could overflow proposal expiry times).
    error MemberRegistryInvalidVotingPeriod(uint64 votingPeriod);
    /// @notice `account` is not an operator of an active member.
    error MemberRegistryNotOperator(address account);
    /// @notice `account` writes for `actual`, not for `expected`.
    error MemberRegistryWrongMember(address account, bytes2 expected, bytes2 actual);
    /// @notice `member` is not an active member.
    error MemberRegistryNotActive(bytes2 member);
    /// @notice `member` is already active.
    error MemberRegistryAlreadyActive(bytes2 member);
    /// @notice The zero address cannot be an account.
    error MemberRegistryZeroAccount();
    /// @notice `account` already writes for a member or a chamber.
    error MemberRegistryAccountInUse(address account);
    /// @notice `account` is not an operator of `member`.
    error MemberRegistryUnknownOperator(bytes2 member, address account);
    /// @notice A member must keep at least one operator.
    error MemberRegistryLastOperator(bytes2 member);
    /// @notice A member has at most `max` operators.
    error MemberRegistryTooManyOperators(bytes2 member, uint256 max);
    /// @notice The last active member cannot be removed.
    error MemberRegistryLastMember(bytes2 member);
    /// @notice No proposal has this id.
    error MemberRegistryUnknownProposal(uint256 proposalId);
    /// @notice The proposal expired at `expiresAt`.
    error MemberRegistryProposalExpired(uint256 proposalId, uint64 expiresAt);
    /// @notice The proposal was already executed.
    error MemberRegistryProposalExecuted(uint256 proposalId);
    /// @notice `member` already voted for the proposal.
    error MemberRegistryAlreadyVoted(uint256 proposalId, bytes2 member);
    /// @notice The proposal has `votes` of the `required` votes.
    error MemberRegistryNoMajority(uint256 proposalId, uint256 votes, uint256 required);
    /// @notice The public key is not a 65-byte SEC1 uncompressed point (0x04 || X || Y).
    error MemberRegistryInvalidPublicKey(uint256 length);
    /// @notice `validUntil` is not after `validFrom`.
    error MemberRegistryInvalidValidity(uint64 validFrom, uint64 validUntil);
    /// @notice The key is already registered.
    error MemberRegistryKeyExists(bytes32 keyId);
    /// @notice No key has this id.
    error MemberRegistryUnknownKey(bytes32 keyId);
    /// @notice The key is revoked from `revokedAt`; a new revocation may only move that time earlier.
    error MemberRegistryKeyAlreadyRevoked(bytes32 keyId, uint64 revokedAt);
    /// @notice `account` may not manage the key.
    error MemberRegistryNotKeyManager(bytes32 keyId, address account);
    /// @notice The zero chamber id is reserved (it marks a member's own keys).
    error MemberRegistryInvalidChamber();
    /// @notice The chamber id is taken.
    error MemberRegistryChamberExists(bytes16 chamber);
    /// @notice No chamber has this id.
    error MemberRegistryUnknownChamber(bytes16 chamber);
    /// @notice The chamber is in `status`, which does not allow this change.
    error MemberRegistryChamberStatus(bytes16 chamber, ChamberStatus status);
    /// @notice `account` is not an account of `chamber`.
    error MemberRegistryUnknownChamberAccount(bytes16 chamber, address account);

    // ---------------------------------------------------------------- governance

    /// @notice Opens a proposal to admit or remove `subject`; the caller's member votes for it at once.
    /// @param kind Admit or Remove.
    /// @param subject The member code concerned.
    /// @param firstOperator For an admission, the new member's first operator account; zero for a removal.
    /// @return proposalId The new proposal's id (starting at 1).
    function propose(ProposalKind kind, bytes2 subject, address firstOperator) external returns (uint256 proposalId);

    /// @notice Casts the caller's member's vote for `proposalId`.
    /// @param proposalId The proposal.
    function vote(uint256 proposalId) external;

    /// @notice Carries out a proposal that holds the votes of more than half of the active members. Anyone may call.
    /// @param proposalId The proposal.
    function execute(uint256 proposalId) external;

    /// @notice A proposal.
    /// @param proposalId The proposal.
    /// @return The proposal's record.
    function getProposal(uint256 proposalId) external view returns (Proposal memory);

    /// @notice Counts the votes of a proposal that come from members active now.
    /// @param proposalId The proposal.
    /// @return votes The counted votes.
    /// @return required The votes needed for a majority of the active members.
    function tally(uint256 proposalId) external view returns (uint256 votes, uint256 required);

    // ---------------------------------------------------------------- members and operators

    /// @notice Adds an operator account to the caller's member.
    /// @param account The account that may write for the member.
    function addOperator(address account) external;

    /// @notice Removes an operator account of the caller's member (possibly the caller itself, never the last one).
    /// @param account The operator to remove.
    function removeOperator(address account) external;

    /// @notice A member's record.
    /// @param member The member code.
    /// @return The record (status None for unknown codes).
    function getMember(bytes2 member) external view returns (Member memory);

    /// @notice Whether `member` is an active member now.
    /// @param member The member code.
    /// @return True when active.
    function isActiveMember(bytes2 member) external view returns (bool);

    /// @notice The active member `account` writes for, or zero.
    /// @param account Any address.
    /// @return The member code, or 0x0000 when `account` is not an operator of an active member.
    function operatorMember(address account) external view returns (bytes2);

    /// @notice The operators of a member.
    /// @param member The member code.
    /// @return The operator accounts.
    function operators(bytes2 member) external view returns (address[] memory);

    /// @notice Every code ever admitted, in order of first admission.
    /// @return The member codes.
    function memberCodes() external view returns (bytes2[] memory);

    /// @notice The number of active members.
    /// @return The count.
    function activeMemberCount() external view returns (uint256);

    // ---------------------------------------------------------------- signing keys

    /// @notice Registers a credential-signing key of the caller's member. The key id is keccak256(publicKey).
    /// @param publicKey 65-byte SEC1 uncompressed P-256 point.
    /// @param validFrom First second the key may sign.
    /// @param validUntil First second it may no longer sign, or 0 for no end.
    /// @return keyId keccak256(publicKey).
    function registerKey(bytes calldata publicKey, uint64 validFrom, uint64 validUntil) external returns (bytes32 keyId);

    /// @notice Registers a signing key of `chamber`; callable by the chamber's accounts or its member's operators.
    /// @param chamber The chamber.
    /// @param publicKey 65-byte SEC1 uncompressed P-256 point.
    /// @param validFrom First second the key may sign.
    /// @param validUntil First second it may no longer sign, or 0 for no end.
    /// @return keyId keccak256(publicKey).
    function registerChamberKey(bytes16 chamber, bytes calldata publicKey, uint64 validFrom, uint64 validUntil)
        external
        returns (bytes32 keyId);

    /// @notice Revokes a key from `effectiveAt`, which may lie in the past (a compromise found late): documents
    ///         signed from then on fail verification, earlier ones stand. A revoked key's time may only move earlier.
    /// @param keyId The key.
    /// @param effectiveAt The first second the key is no longer valid.
    /// @param reason A reason code (see contracts/README.md).
    function revokeKey(bytes32 keyId, uint64 effectiveAt, uint8 reason) external;

    /// @notice A signing key.
    /// @param keyId The key id.
    /// @return The record (member 0x0000 when unknown).
    function getKey(bytes32 keyId) external view returns (SigningKey memory);

    /// @notice Whether key `keyId` was valid for signing at `at`, and whose it is.
    /// @param keyId The key id.
    /// @param at A unix time.
    /// @return valid True when registered and `validFrom <= at < validUntil` and not revoked at `at`.
    /// @return member The owning member.
    /// @return chamber The owning chamber, or zero for a member's own key.
    function keyValidAt(bytes32 keyId, uint64 at) external view returns (bool valid, bytes2 member, bytes16 chamber);

    // ---------------------------------------------------------------- chambers of commerce

    /// @notice The caller's member authorizes a chamber of commerce, with its first account.
    /// @param chamber A new, non-zero chamber id chosen by the member (for example "KZ-ATAMEKEN" in ASCII).
    /// @param account The chamber's first writing account.
    function authorizeChamber(bytes16 chamber, address account) external;

    /// @notice Suspends a chamber of the caller's member: it cannot anchor or revoke until reinstated.
    /// @param chamber The chamber.
    /// @param reason A reason code.
    function suspendChamber(bytes16 chamber, uint8 reason) external;

    /// @notice Lifts a chamber's suspension.
    /// @param chamber The chamber.
    function reinstateChamber(bytes16 chamber) external;

    /// @notice Withdraws a chamber's authorization for good.
    /// @param chamber The chamber.
    /// @param reason A reason code.
    function withdrawChamber(bytes16 chamber, uint8 reason) external;

    /// @notice Adds a writing account to a chamber of the caller's member.
    /// @param chamber The chamber.
    /// @param account The account.
    function addChamberAccount(bytes16 chamber, address account) external;

    /// @notice Removes a writing account from a chamber of the caller's member.
    /// @param chamber The chamber.
    /// @param account The account.
    function removeChamberAccount(bytes16 chamber, address account) external;

    /// @notice A chamber's record.
    /// @param chamber The chamber id.
    /// @return The record (status None when unknown).
    function getChamber(bytes16 chamber) external view returns (Chamber memory);

    /// @notice The chamber `account` writes for, and whether it may issue now.
    /// @param account Any address.
    /// @return member The chamber's member (0x0000 when `account` is no chamber account).
    /// @return chamber The chamber id (zero when none).
    /// @return authorized True when the chamber is active and its member is active in the membership that
    ///         authorized it.
    function chamberOf(address account) external view returns (bytes2 member, bytes16 chamber, bool authorized);
}
