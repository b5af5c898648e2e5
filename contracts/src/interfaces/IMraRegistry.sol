// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Mutual Recognition Arrangement registry
/// @notice An MRA has 2 (bilateral) to 64 (sub-regional) member parties and versioned terms: the AEO programme types
///         recognized (`scope`, bit p = programme p), the benefits granted (`benefits`, a bitmask) and a validity
///         window. A version is concluded when every party has accepted it; the MRA is in force at time t when a
///         version is concluded, the MRA is neither suspended nor terminated, and t lies in that version's window.
///         An amendment opens a new version; the concluded one stays in force until the new one is concluded.
interface IMraRegistry {
    /// @notice Lifecycle of an MRA, apart from acceptance (see `concludedVersion`).
    enum MraStatus {
        None,
        Active,
        Suspended,
        Terminated
    }

    /// @notice An MRA's record. `concludedVersion` is 0 until some version has every party's acceptance.
    struct Mra {
        MraStatus status;
        uint32 latestVersion;
        uint32 concludedVersion;
        uint8 partyCount;
    }

    /// @notice The terms of one version. Bit i of `acceptedMask` is set once party i accepted this version.
    struct Terms {
        uint64 validFrom;
        uint64 validUntil;
        uint32 scope;
        uint32 benefits;
        uint64 acceptedMask;
    }

    /// @notice An MRA was proposed as version 1 by `proposer`, who accepts it with the proposal.
    event MraProposed(
        uint256 indexed mraId,
        bytes2 indexed proposer,
        bytes2[] parties,
        uint32 scope,
        uint32 benefits,
        uint64 validFrom,
        uint64 validUntil
    );
    /// @notice `proposer` opened `version` with new terms, and accepts it with the amendment.
    event MraAmended(
        uint256 indexed mraId,
        uint32 indexed version,
        bytes2 indexed proposer,
        uint32 scope,
        uint32 benefits,
        uint64 validFrom,
        uint64 validUntil
    );
    /// @notice `party` accepted `version`.
    event MraAccepted(uint256 indexed mraId, uint32 indexed version, bytes2 indexed party);
    /// @notice Every party accepted `version`; its terms now govern the MRA.
    event MraConcluded(uint256 indexed mraId, uint32 indexed version);
    /// @notice `party` suspended the MRA.
    event MraSuspended(uint256 indexed mraId, bytes2 indexed party, uint8 reason);
    /// @notice `party` lifted the suspension.
    event MraResumed(uint256 indexed mraId, bytes2 indexed party);
    /// @notice `party` terminated the MRA, for good.
    event MraTerminated(uint256 indexed mraId, bytes2 indexed party, uint8 reason);

    /// @notice `account` is not an operator of an active member.
    error MraRegistryNotOperator(address account);
    /// @notice `member` is not a party to the MRA.
    error MraRegistryNotParty(uint256 mraId, bytes2 member);
    /// @notice Parties must be 2 to 64 distinct active members listed in ascending order.
    error MraRegistryInvalidParties();
    /// @notice `member` is not an active member.
    error MraRegistryPartyNotActive(bytes2 member);
    /// @notice The scope is empty.
    error MraRegistryInvalidScope();
    /// @notice `validUntil` is not after `validFrom`.
    error MraRegistryInvalidValidity(uint64 validFrom, uint64 validUntil);
    /// @notice No MRA has this id.
    error MraRegistryUnknownMra(uint256 mraId);
    /// @notice Only the latest version can be accepted.
    error MraRegistryStaleVersion(uint256 mraId, uint32 version, uint32 latestVersion);
    /// @notice `party` already accepted `version`.
    error MraRegistryAlreadyAccepted(uint256 mraId, uint32 version, bytes2 party);
    /// @notice The MRA is in `status`, which does not allow this change.
    error MraRegistryInvalidStatus(uint256 mraId, MraStatus status);
    /// @notice Programme types are bits 0 to 31 of the scope.
    error MraRegistryInvalidProgramme(uint8 programme);

    /// @notice Proposes an MRA; the caller's member must be a party and accepts it at once.
    /// @param parties 2 to 64 distinct active members in ascending order (2 = bilateral).
    /// @param scope Programme types recognized (bit p = programme type p), not empty.
    /// @param benefits Benefits granted (bitmask, see contracts/README.md).
    /// @param validFrom First second in force.
    /// @param validUntil First second no longer in force, or 0 for no end.
    /// @return mraId The new MRA's id (starting at 1).
    function propose(bytes2[] calldata parties, uint32 scope, uint32 benefits, uint64 validFrom, uint64 validUntil)
        external
        returns (uint256 mraId);

    /// @notice The caller's member, a party, accepts `version` (it must be the latest).
    /// @param mraId The MRA.
    /// @param version The version accepted.
    function accept(uint256 mraId, uint32 version) external;

    /// @notice Opens a new version with new terms; the caller's member, a party, accepts it at once.
    /// @param mraId The MRA.
    /// @param scope Programme types recognized, not empty.
    /// @param benefits Benefits granted.
    /// @param validFrom First second in force.
    /// @param validUntil First second no longer in force, or 0 for no end.
    /// @return version The new version.
    function amend(uint256 mraId, uint32 scope, uint32 benefits, uint64 validFrom, uint64 validUntil)
        external
        returns (uint32 version);

    /// @notice Any party suspends an active MRA.
    /// @param mraId The MRA.
    /// @param reason A reason code.
    function suspend(uint256 mraId, uint8 reason) external;

    /// @notice Any party lifts a suspension.
    /// @param mraId The MRA.
    function resume(uint256 mraId) external;

    /// @notice Any party terminates the MRA, for good.
    /// @param mraId The MRA.
    /// @param reason A reason code.
    function terminate(uint256 mraId, uint8 reason) external;

    /// @notice An MRA's record.
    /// @param mraId The MRA.
    /// @return The record (status None when unknown).
    function getMra(uint256 mraId) external view returns (Mra memory);

    /// @notice An MRA's parties.
    /// @param mraId The MRA.
    /// @return The parties, ascending.
    function partiesOf(uint256 mraId) external view returns (bytes2[] memory);

    /// @notice The terms of one version.
    /// @param mraId The MRA.
    /// @param version The version (1 .. latestVersion).
    /// @return The terms (all zero when unknown).
    function termsOf(uint256 mraId, uint32 version) external view returns (Terms memory);

    /// @notice The MRAs `member` is a party to, oldest first.
    /// @param member The member.
    /// @return The MRA ids.
    function mrasOf(bytes2 member) external view returns (uint256[] memory);

    /// @notice Whether the MRA is in force at `at`, given its current status and concluded version.
    /// @param mraId The MRA.
    /// @param at A unix time.
    /// @return True when in force.
    function inForce(uint256 mraId, uint64 at) external view returns (bool);

    /// @notice Does `verifier` recognize `issuer`'s AEO programme `programme` at `at`, and under which MRA?
    ///         Answers from the current state (status, concluded version, membership); the history of earlier
    ///         states is in the events.
    /// @param verifier The member that verifies.
    /// @param issuer The member that issued the credential (must differ from `verifier`).
    /// @param programme The programme type (bit index of the scope).
    /// @param at A unix time.
    /// @return recognized True when an MRA in force at `at` has both as active parties and covers `programme`.
    /// @return mraId The first such MRA, or 0.
    /// @return version Its concluded version, or 0.
    /// @return benefits Its benefits, or 0.
    function recognizes(bytes2 verifier, bytes2 issuer, uint8 programme, uint64 at)
        external
        view
        returns (bool recognized, uint256 mraId, uint32 version, uint32 benefits);
}
