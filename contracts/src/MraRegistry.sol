// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IMemberRegistry} from "./interfaces/IMemberRegistry.sol";
import {IMraRegistry} from "./interfaces/IMraRegistry.sol";

/// @title Mutual Recognition Arrangement registry
/// @notice See {IMraRegistry}. Parties act through their operators as recorded in the {IMemberRegistry}.
contract MraRegistry is IMraRegistry {
    /// @notice The most parties an MRA may have (acceptances are a 64-bit mask).
    uint256 public constant MAX_PARTIES = 64;

    /// @notice The member registry that says who writes for which member.
    IMemberRegistry public immutable MEMBERS;

    uint256 private _mraCount;
    mapping(uint256 mraId => Mra) private _mras;
    mapping(uint256 mraId => bytes2[]) private _parties;
    /// @dev A party's position in `_parties` plus one; zero for non-parties.
    mapping(uint256 mraId => mapping(bytes2 member => uint8 slot)) private _partySlots;
    mapping(uint256 mraId => mapping(uint32 version => Terms)) private _terms;
    mapping(bytes2 member => uint256[]) private _mrasOf;

    /// @notice Links the registry to its member registry.
    /// @param members The member registry.
    constructor(IMemberRegistry members) {
        MEMBERS = members;
    }

    /// @inheritdoc IMraRegistry
    function propose(bytes2[] calldata parties, uint32 scope, uint32 benefits, uint64 validFrom, uint64 validUntil)
        external
        returns (uint256 mraId)
    {
        bytes2 proposer = _requireOperator();
        if (parties.length < 2 || parties.length > MAX_PARTIES) revert MraRegistryInvalidParties();
        _requireTerms(scope, validFrom, validUntil);
        mraId = ++_mraCount;
        for (uint256 i = 0; i < parties.length; ++i) {
            // Ascending order makes duplicates impossible without a second pass.
            if (i > 0 && parties[i] <= parties[i - 1]) revert MraRegistryInvalidParties();
            if (!MEMBERS.isActiveMember(parties[i])) revert MraRegistryPartyNotActive(parties[i]);
            // casting to 'uint8' is safe because i < MAX_PARTIES = 64
            // forge-lint: disable-next-line(unsafe-typecast)
            _partySlots[mraId][parties[i]] = uint8(i + 1);
            _mrasOf[parties[i]].push(mraId);
        }
        uint8 proposerSlot = _partySlots[mraId][proposer];
        if (proposerSlot == 0) revert MraRegistryNotParty(mraId, proposer);
        _parties[mraId] = parties;
        _mras[mraId] =
            Mra({status: MraStatus.Active, latestVersion: 1, concludedVersion: 0, partyCount: uint8(parties.length)});
        _terms[mraId][1] =
            Terms({validFrom: validFrom, validUntil: validUntil, scope: scope, benefits: benefits, acceptedMask: 0});
        emit MraProposed(mraId, proposer, parties, scope, benefits, validFrom, validUntil);
        _accept(mraId, 1, proposer, proposerSlot);
    }

    /// @inheritdoc IMraRegistry
    function accept(uint256 mraId, uint32 version) external {
        (Mra storage m, bytes2 party, uint8 slot) = _requireParty(mraId);
        if (m.status == MraStatus.Terminated) revert MraRegistryInvalidStatus(mraId, m.status);
        if (version != m.latestVersion) revert MraRegistryStaleVersion(mraId, version, m.latestVersion);
        _accept(mraId, version, party, slot);
    }

    /// @inheritdoc IMraRegistry
    function amend(uint256 mraId, uint32 scope, uint32 benefits, uint64 validFrom, uint64 validUntil)
        external
        returns (uint32 version)
    {
        (Mra storage m, bytes2 party, uint8 slot) = _requireParty(mraId);
        if (m.status == MraStatus.Terminated) revert MraRegistryInvalidStatus(mraId, m.status);
        _requireTerms(scope, validFrom, validUntil);
        version = ++m.latestVersion;
        _terms[mraId][version] =
            Terms({validFrom: validFrom, validUntil: validUntil, scope: scope, benefits: benefits, acceptedMask: 0});
        emit MraAmended(mraId, version, party, scope, benefits, validFrom, validUntil);
        _accept(mraId, version, party, slot);
    }

    /// @inheritdoc IMraRegistry
    function suspend(uint256 mraId, uint8 reason) external {
        (Mra storage m, bytes2 party,) = _requireParty(mraId);
        if (m.status != MraStatus.Active) revert MraRegistryInvalidStatus(mraId, m.status);
        m.status = MraStatus.Suspended;
        emit MraSuspended(mraId, party, reason);
    }

    /// @inheritdoc IMraRegistry
    function resume(uint256 mraId) external {
        (Mra storage m, bytes2 party,) = _requireParty(mraId);
        if (m.status != MraStatus.Suspended) revert MraRegistryInvalidStatus(mraId, m.status);
        m.status = MraStatus.Active;
        emit MraResumed(mraId, party);
    }

    /// @inheritdoc IMraRegistry
    function terminate(uint256 mraId, uint8 reason) external {
        (Mra storage m, bytes2 party,) = _requireParty(mraId);
        if (m.status == MraStatus.Terminated) revert MraRegistryInvalidStatus(mraId, m.status);
        m.status = MraStatus.Terminated;
        emit MraTerminated(mraId, party, reason);
    }

    /// @inheritdoc IMraRegistry
    function getMra(uint256 mraId) external view returns (Mra memory) {
        return _mras[mraId];
    }

    /// @inheritdoc IMraRegistry
    function partiesOf(uint256 mraId) external view returns (bytes2[] memory) {
        return _parties[mraId];
    }

    /// @inheritdoc IMraRegistry
    function termsOf(uint256 mraId, uint32 version) external view returns (Terms memory) {
        return _terms[mraId][version];
    }

    /// @inheritdoc IMraRegistry
    function mrasOf(bytes2 member) external view returns (uint256[] memory) {
        return _mrasOf[member];
    }

    /// @inheritdoc IMraRegistry
    function inForce(uint256 mraId, uint64 at) public view returns (bool) {
        Mra storage m = _mras[mraId];
        if (m.status != MraStatus.Active || m.concludedVersion == 0) return false;
        Terms storage t = _terms[mraId][m.concludedVersion];
        return at >= t.validFrom && (t.validUntil == 0 || at < t.validUntil);
    }

    /// @inheritdoc IMraRegistry
    function recognizes(bytes2 verifier, bytes2 issuer, uint8 programme, uint64 at)
        external
        view
        returns (bool recognized, uint256 mraId, uint32 version, uint32 benefits)
    {
        if (programme >= 32) revert MraRegistryInvalidProgramme(programme);
        if (verifier == issuer || !MEMBERS.isActiveMember(verifier) || !MEMBERS.isActiveMember(issuer)) {
            return (false, 0, 0, 0);
        }
        uint256[] storage candidates = _mrasOf[verifier];
        for (uint256 i = 0; i < candidates.length; ++i) {
            uint256 id = candidates[i];
            if (_partySlots[id][issuer] == 0 || !inForce(id, at)) continue;
            uint32 concluded = _mras[id].concludedVersion;
            Terms storage t = _terms[id][concluded];
            if (t.scope & (uint32(1) << programme) == 0) continue;
            return (true, id, concluded, t.benefits);
        }
        return (false, 0, 0, 0);
    }

    // ---------------------------------------------------------------- internals

    function _accept(uint256 mraId, uint32 version, bytes2 party, uint8 slot) private {
        Terms storage t = _terms[mraId][version];
        uint64 bit = uint64(1) << (slot - 1);
        if (t.acceptedMask & bit != 0) revert MraRegistryAlreadyAccepted(mraId, version, party);
        uint64 mask = t.acceptedMask | bit;
        t.acceptedMask = mask;
        emit MraAccepted(mraId, version, party);
        Mra storage m = _mras[mraId];
        uint8 n = m.partyCount;
        uint64 all = n == 64 ? type(uint64).max : (uint64(1) << n) - 1;
        if (mask == all) {
            m.concludedVersion = version;
            emit MraConcluded(mraId, version);
        }
    }

    function _requireParty(uint256 mraId) private view returns (Mra storage m, bytes2 party, uint8 slot) {
        party = _requireOperator();
        m = _mras[mraId];
        if (m.status == MraStatus.None) revert MraRegistryUnknownMra(mraId);
        slot = _partySlots[mraId][party];
        if (slot == 0) revert MraRegistryNotParty(mraId, party);
    }

    function _requireOperator() private view returns (bytes2 code) {
        code = MEMBERS.operatorMember(msg.sender);
        if (code == bytes2(0)) revert MraRegistryNotOperator(msg.sender);
    }

    function _requireTerms(uint32 scope, uint64 validFrom, uint64 validUntil) private pure {
        if (scope == 0) revert MraRegistryInvalidScope();
        if (validUntil != 0 && validUntil <= validFrom) revert MraRegistryInvalidValidity(validFrom, validUntil);
    }
}
